using Membership.Contracts.Audit;
using Membership.Contracts.Members;
using Membership.Members.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Membership.Members.Terms;

internal sealed class PrivacyTermsCatalog(IDbContextFactory<MembersDbContext> dbFactory, IAuditTrail audit, TimeProvider clock)
    : IPrivacyTermsCatalog
{
    public const int MaxLength = 20_000;

    public const string DefaultText = """
        個人資料蒐集、處理及利用告知事項

        本公司依《個人資料保護法》第 8 條，告知您以下事項：
        1. 蒐集目的：會員管理、行銷、客戶服務、統計分析。
        2. 個人資料類別：姓名、手機號碼、生日、性別、居住縣市、電子郵件、LINE 使用者識別碼及消費紀錄。
        3. 利用期間、地區、對象及方式：於會員存續期間，在臺灣地區由本公司以電子或書面方式利用。
        4. 您得依法請求查詢、閱覽、製給複製本、補充或更正、停止蒐集處理利用或刪除您的個人資料。
        5. 您可自由選擇是否提供資料；若不提供，將無法完成會員註冊。
        """;

    public async Task<PrivacyTerms> GetCurrentAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Terms.AsNoTracking().OrderByDescending(t => t.Version).FirstOrDefaultAsync(ct);
        if (latest is not null)
        {
            return ToTerms(latest);
        }

        var first = new TermsVersion { Version = 1, Text = DefaultText, PublishedAt = clock.GetUtcNow(), PublishedBy = "system" };
        db.Terms.Add(first);
        try
        {
            await db.SaveChangesAsync(ct);
            return ToTerms(first);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another request created version 1 at the same moment: theirs is the one.
            await using var again = await dbFactory.CreateDbContextAsync(ct);
            return ToTerms(await again.Terms.AsNoTracking().OrderByDescending(t => t.Version).FirstAsync(ct));
        }
    }

    public async Task<IReadOnlyList<PrivacyTerms>> ListAsync(CancellationToken ct = default)
    {
        await GetCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var versions = await db.Terms.AsNoTracking().OrderByDescending(t => t.Version).ToListAsync(ct);
        return versions.Select(ToTerms).ToList();
    }

    public async Task<PrivacyTerms> PublishAsync(string text, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength)
        {
            throw new ArgumentException($"The terms must have 1 to {MaxLength} characters.", nameof(text));
        }

        var current = await GetCurrentAsync(ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var next = new TermsVersion { Version = current.Version + 1, Text = text.Trim(), PublishedAt = clock.GetUtcNow() };
        db.Terms.Add(next);
        await db.SaveChangesAsync(ct); // two Owners publishing at once: the second fails on the version key and retries by hand
        await audit.RecordAsync(new AuditRecord("members.privacy-terms-published", "privacy-terms", next.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{next.Text.Length} characters"), ct);
        return ToTerms(next);
    }

    private static PrivacyTerms ToTerms(TermsVersion terms) => new(terms.Version, terms.Text, terms.PublishedAt);
}
