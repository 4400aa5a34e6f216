namespace Membership.Contracts.Members;

/// <summary>
/// CSV import of existing members (e.g. from a POS). Preview first (per-row errors with line numbers), then import:
/// all or nothing, unless the staff member explicitly imports only the good rows.
/// </summary>
public interface IMemberImport
{
    Task<MemberImportPreview> PreviewAsync(Stream csv, IProgress<MemberImportProgress>? progress = null, CancellationToken ct = default);

    Task<MemberImportReport> ImportAsync(
        Stream csv, MemberImportOptions options, IProgress<MemberImportProgress>? progress = null, CancellationToken ct = default);
}

public enum ExistingMemberHandling
{
    /// <summary>Fill the existing member's empty fields from the file.</summary>
    Merge = 0,
    /// <summary>Leave the existing member alone and list the row in the report.</summary>
    Skip = 1,
}

/// <param name="ImportGoodRowsOnly">Import the valid rows of a file that has bad ones; otherwise a bad row imports nothing.</param>
public sealed record MemberImportOptions(ExistingMemberHandling ExistingMembers = ExistingMemberHandling.Merge, bool ImportGoodRowsOnly = false);

public enum MemberImportStage
{
    Reading = 0,
    Writing = 1,
    Done = 2,
}

/// <param name="Fraction">How far the whole operation is, 0 to 1.</param>
public sealed record MemberImportProgress(MemberImportStage Stage, int Rows, double Fraction);

/// <param name="Line">The line of the file (the header is line 1).</param>
/// <param name="Reasons">Codes from <see cref="MemberImportReasons"/>.</param>
public sealed record MemberImportRowError(int Line, IReadOnlyList<string> Reasons);

/// <param name="Errors">The first errors (at most <see cref="MemberImportReasons.MaxListedErrors"/>); <paramref name="ErrorRows"/> counts all.</param>
public sealed record MemberImportPreview(
    int Rows,
    int ValidRows,
    int ErrorRows,
    int ExistingMembers,
    IReadOnlyList<MemberImportRowError> Errors,
    IReadOnlyList<MemberImportRowPreview> Sample);

public sealed record MemberImportRowPreview(int Line, string? Name, string Mobile, string? Email, DateOnly? Birthday, Gender Gender, string? Region, string? Store);

/// <param name="Completed">False when bad rows stopped an all-or-nothing import: nothing was written.</param>
/// <param name="SkippedLines">Lines of rows whose mobile belonged to an existing member (skip mode; the first ones).</param>
public sealed record MemberImportReport(
    bool Completed,
    int Inserted,
    int Merged,
    int Skipped,
    int ErrorRows,
    IReadOnlyList<MemberImportRowError> Errors,
    IReadOnlyList<int> SkippedLines,
    TimeSpan Elapsed);

public static class MemberImportReasons
{
    public const int MaxListedErrors = 1000;

    public const string MobileColumnMissing = "MobileColumnMissing";
    public const string MobileMissing = "MobileMissing";
    public const string MobileInvalid = "MobileInvalid";
    public const string MobileDuplicateInFile = "MobileDuplicateInFile";
    public const string EmailInvalid = "EmailInvalid";
    public const string BirthdayInvalid = "BirthdayInvalid";
    public const string GenderUnknown = "GenderUnknown";
    public const string RegionUnknown = "RegionUnknown";
    public const string NameTooLong = "NameTooLong";
    public const string StoreTooLong = "StoreTooLong";
}
