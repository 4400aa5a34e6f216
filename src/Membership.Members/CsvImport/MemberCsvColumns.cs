namespace Membership.Members.CsvImport;

/// <summary>Which column holds which field, from the header row (Chinese or English names, any order, extra columns ignored).</summary>
internal sealed record MemberCsvColumns(int Mobile, int Name, int Email, int Birthday, int Gender, int Region, int Store)
{
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["姓名"] = "name", ["name"] = "name", ["名字"] = "name",
        ["手機"] = "mobile", ["手機號碼"] = "mobile", ["mobile"] = "mobile", ["phone"] = "mobile", ["電話"] = "mobile",
        ["email"] = "email", ["e-mail"] = "email", ["電子郵件"] = "email", ["信箱"] = "email",
        ["生日"] = "birthday", ["birthday"] = "birthday", ["出生日期"] = "birthday",
        ["性別"] = "gender", ["gender"] = "gender",
        ["地區"] = "region", ["region"] = "region", ["縣市"] = "region",
        ["門市"] = "store", ["store"] = "store", ["preferred_store"] = "store", ["常用門市"] = "store",
    };

    /// <returns>Null when there is no mobile column.</returns>
    public static MemberCsvColumns? FromHeader(IReadOnlyList<string> header)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Count; i++)
        {
            if (Aliases.TryGetValue(header[i].Trim(), out var field))
            {
                index.TryAdd(field, i);
            }
        }

        int Of(string field) => index.TryGetValue(field, out var i) ? i : -1;
        return Of("mobile") < 0 ? null : new MemberCsvColumns(Of("mobile"), Of("name"), Of("email"), Of("birthday"), Of("gender"), Of("region"), Of("store"));
    }
}
