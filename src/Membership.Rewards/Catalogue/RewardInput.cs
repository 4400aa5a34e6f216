using Membership.Contracts.Rewards;
using Membership.Rewards.Persistence;

namespace Membership.Rewards.Catalogue;

internal static class RewardInput
{
    public static void Validate(SaveRewardRequest request)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = "Required";
        }
        else if (request.Name.Trim().Length > RewardItem.MaxNameLength)
        {
            errors["name"] = "TooLong";
        }

        if (request.NameEn?.Trim().Length > RewardItem.MaxNameLength)
        {
            errors["nameEn"] = "TooLong";
        }

        if (!string.IsNullOrWhiteSpace(request.ImageUrl)
            && (!Uri.TryCreate(request.ImageUrl.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http") || request.ImageUrl.Length > 2000))
        {
            errors["imageUrl"] = "BadUrl";
        }

        if (request.PointsCost is < 1 or > 1_000_000)
        {
            errors["pointsCost"] = "OutOfRange";
        }

        if (request.Stock is < 0 or > 1_000_000)
        {
            errors["stock"] = "OutOfRange";
        }

        if (request.ValidFrom is { } from && request.ValidTo is { } to && to < from)
        {
            errors["validTo"] = "BeforeFrom";
        }

        if (request.MinTierRank is < 0 or > 100)
        {
            errors["minTierRank"] = "OutOfRange";
        }

        if (errors.Count > 0)
        {
            throw new RewardValidationException(errors);
        }
    }
}
