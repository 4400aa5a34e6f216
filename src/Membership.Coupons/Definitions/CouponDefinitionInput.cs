using Membership.Contracts.Coupons;
using Membership.Coupons.Persistence;

namespace Membership.Coupons.Definitions;

internal static class CouponDefinitionInput
{
    public static void Validate(SaveCouponDefinitionRequest request)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = "Required";
        }
        else if (request.Name.Trim().Length > DefinitionRecord.MaxNameLength || request.NameEn?.Trim().Length > DefinitionRecord.MaxNameLength)
        {
            errors["name"] = "TooLong";
        }

        var valueError = request.Kind switch
        {
            CouponKind.AmountOff when request.Value is < 1 or > 100_000 => "AmountOutOfRange",
            CouponKind.PercentOff when request.Value is < 1 or > 99 => "PercentOutOfRange",
            CouponKind.FreeItem when string.IsNullOrWhiteSpace(request.FreeItem) => "FreeItemRequired",
            CouponKind.FreeItem when request.FreeItem!.Trim().Length > DefinitionRecord.MaxNameLength => "TooLong",
            _ => null,
        };
        if (valueError is not null)
        {
            errors[request.Kind == CouponKind.FreeItem ? "freeItem" : "value"] = valueError;
        }

        if (request.ValidDays is { } days)
        {
            if (days is < 1 or > 3650)
            {
                errors["validDays"] = "OutOfRange";
            }
        }
        else if (request.ValidTo is null)
        {
            errors["validTo"] = "ValidityRequired";
        }
        else if (request.ValidFrom is { } from && request.ValidTo < from)
        {
            errors["validTo"] = "BeforeFrom";
        }

        if (request.UsesPerCoupon is < 1 or > 100)
        {
            errors["usesPerCoupon"] = "OutOfRange";
        }

        if (request.IssueLimit is < 1)
        {
            errors["issueLimit"] = "OutOfRange";
        }

        if (request.MinTierRank is < 0 or > 100)
        {
            errors["minTierRank"] = "OutOfRange";
        }

        if (errors.Count > 0)
        {
            throw new CouponValidationException(errors);
        }
    }
}
