using System.Text;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Contracts.Members;
using Membership.Web.Tests.Infrastructure;

namespace Membership.Web.Tests.Members;

public sealed class MemberImportTests(WebAppFixture app) : IClassFixture<WebAppFixture>
{
    private const string Mixed = """
        姓名,手機,email,生日,性別,地區,門市
        王大明,0955100001,ming@example.com,1985-03-04,男,臺北市,信義店
        錯手機,12345,,,,,
        林美玲,0955100002,,1990/07/08,F,KHH,
        壞日期,0955100003,,1990-02-30,,,
        重複,0955100001,,,,,
        """;

    private IMemberImport Import => app.Services.GetRequiredService<IMemberImport>();

    private IMemberDirectory Directory => app.Services.GetRequiredService<IMemberDirectory>();

    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_names_each_bad_line_and_reason()
    {
        var preview = await Import.PreviewAsync(Csv(Mixed));
        var report = await Import.ImportAsync(Csv(Mixed), new MemberImportOptions());

        Assert.Equal((5, 2, 3), (preview.Rows, preview.ValidRows, preview.ErrorRows));
        Assert.Equal([3, 5, 6], preview.Errors.Select(e => e.Line));
        Assert.Equal([MemberImportReasons.MobileInvalid], preview.Errors[0].Reasons);
        Assert.Equal([MemberImportReasons.BirthdayInvalid], preview.Errors[1].Reasons);
        Assert.Equal([MemberImportReasons.MobileDuplicateInFile], preview.Errors[2].Reasons);
        Assert.False(report.Completed);
        Assert.Equal(0, report.Inserted);
        Assert.Empty((await Directory.SearchAsync(new MemberQuery("0955100"), new PageRequest())).Items);
    }

    [Fact]
    public async Task Good_rows_only_imports_the_good_rows_as_offline_members_and_audits()
    {
        var csv = Mixed.Replace("0955100", "0955200", StringComparison.Ordinal);

        var report = await Import.ImportAsync(Csv(csv, bom: true), new MemberImportOptions(ImportGoodRowsOnly: true));

        Assert.True(report.Completed);
        Assert.Equal((2, 0, 0, 3), (report.Inserted, report.Merged, report.Skipped, report.ErrorRows));
        var ming = Assert.Single((await Directory.SearchAsync(new MemberQuery("0955200001"), new PageRequest())).Items);
        var profile = await Directory.GetProfileAsync(ming.Id);
        Assert.Equal(("王大明", "ming@example.com", new DateOnly(1985, 3, 4), Gender.Male, "TPE", "信義店", MemberStatus.Offline),
            (profile!.Name, profile.Email, profile.Birthday, profile.Gender, profile.Region, profile.PreferredStore, profile.Status));
        Assert.Equal(ming.Id, (await Directory.FindByMemberCodeAsync(ming.MemberCode))?.Id);
        var audit = await app.Services.GetRequiredService<IAuditTrail>().ListAsync(new AuditQuery("members.imported"), new PageRequest());
        Assert.Contains(audit.Items, e => e.Details!.StartsWith("inserted 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Rows_of_existing_members_are_merged_into_empty_fields_or_skipped_and_listed()
    {
        var existing = (await Directory.CreateOfflineMemberAsync(new CreateOfflineMemberRequest("0955300001", "原本的名字"))).Member;
        const string file = "手機,姓名,地區\n0955300001,新名字,TNN\n0955300002,新會員,\n";

        var skipped = await Import.ImportAsync(Csv(file), new MemberImportOptions(ExistingMemberHandling.Skip));
        var merged = await Import.ImportAsync(Csv(file), new MemberImportOptions(ExistingMemberHandling.Merge));

        Assert.Equal((1, 1, 0), (skipped.Inserted, skipped.Skipped, skipped.Merged));
        Assert.Equal([2], skipped.SkippedLines);
        Assert.Equal((0, 2), (merged.Inserted, merged.Merged));
        var profile = await Directory.GetProfileAsync(existing.Id);
        Assert.Equal(("原本的名字", "TNN"), (profile!.Name, profile.Region)); // filled the empty region, kept the name
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_one_go_with_progress()
    {
        var text = new StringBuilder("姓名,手機,地區\n");
        for (var i = 0; i < 10_000; i++)
        {
            text.Append("會員").Append(i).Append(",0966").Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).Append(",TXG\n");
        }

        var stages = new List<MemberImportStage>();
        var report = await Import.ImportAsync(Csv(text.ToString()), new MemberImportOptions(), new SyncProgress(p => stages.Add(p.Stage)));

        Assert.Equal(10_000, report.Inserted);
        Assert.Equal([MemberImportStage.Reading, MemberImportStage.Writing, MemberImportStage.Done], stages.Distinct());
        var found = await Directory.SearchAsync(new MemberQuery("0966"), new PageRequest());
        Assert.True(found.TotalIsLowerBound, "10,000 matches are more than the search counts exactly");
        Assert.Equal(found.PageSize, found.Items.Count);
    }

    private static MemoryStream Csv(string text, bool bom = false) =>
        new([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))]);

    private sealed class SyncProgress(Action<MemberImportProgress> report) : IProgress<MemberImportProgress>
    {
        public void Report(MemberImportProgress value) => report(value);
    }
}
