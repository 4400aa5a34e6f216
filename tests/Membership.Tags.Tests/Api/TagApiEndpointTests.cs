using System.Security.Claims;
using Membership.Contracts.Members;
using Membership.Contracts.Tags;
using Membership.Tags.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Membership.Tags.Tests.Api;

/// <summary>The endpoints' logic, called as the route handlers they are (the marketing policy is the host's).</summary>
public sealed class TagApiEndpointTests(TagsDatabase db) : IClassFixture<TagsDatabase>
{
    private static readonly ClaimsPrincipal Key = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "crm-sync")], "ApiKey"));

    private IMemberLookup Lookup => db.Get<IMemberLookup>();

    [Fact]
    public async Task Creating_a_tag_gives_201_then_409_for_the_same_name_and_400_when_invalid()
    {
        var created = await TagApiEndpoints.CreateAsync(new CreateTagBody("API 標籤", "#00897B", "從 CRM 來"), Key, db.Tags, default);
        var again = await TagApiEndpoints.CreateAsync(new CreateTagBody("api 標籤", null, null), Key, db.Tags, default);
        var invalid = await TagApiEndpoints.CreateAsync(new CreateTagBody("x", "teal", null), Key, db.Tags, default);

        var body = Assert.IsType<Created<TagResponse>>(created.Result).Value!;
        Assert.Equal(("API 標籤", "#00897B", "manual"), (body.Name, body.Colour, body.Kind));
        Assert.Equal(StatusCodes.Status409Conflict, Assert.IsType<ProblemHttpResult>(again.Result).StatusCode);
        Assert.Contains("colour", Assert.IsType<ValidationProblem>(invalid.Result).ProblemDetails.Errors.Keys);
        Assert.Equal("crm-sync", (await db.Tags.FindTagAsync("API 標籤"))!.CreatedBy);

        var list = await TagApiEndpoints.ListAsync(db.Tags, default);
        Assert.Contains(list.Value!, t => t.Name == "API 標籤" && t.Members == 0);
    }

    [Fact]
    public async Task Tagging_a_member_gives_201_then_200_and_404_for_unknown_tag_or_member()
    {
        var member = db.AddMember();
        var tag = await db.AddTagAsync("回購");

        var added = await TagApiEndpoints.TagMemberAsync(member.MemberCode, new TagMemberBody("回購"), Key, db.Tags, Lookup, default);
        var again = await TagApiEndpoints.TagMemberAsync(member.MemberCode, new TagMemberBody("回購"), Key, db.Tags, Lookup, default);
        var noTag = await TagApiEndpoints.TagMemberAsync(member.MemberCode, new TagMemberBody("沒有"), Key, db.Tags, Lookup, default);
        var noMember = await TagApiEndpoints.TagMemberAsync("900000000000", new TagMemberBody("回購"), Key, db.Tags, Lookup, default);

        Assert.Equal("apiKey:crm-sync", Assert.IsType<Created<MemberTagResponse>>(added.Result).Value!.AddedBy);
        Assert.IsType<Ok<MemberTagResponse>>(again.Result);
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ProblemHttpResult>(noTag.Result).StatusCode);
        Assert.Equal(StatusCodes.Status404NotFound, Assert.IsType<ProblemHttpResult>(noMember.Result).StatusCode);
        Assert.Equal(new TagActor(TagActorKind.ApiKey, "crm-sync"), (await db.Tags.GetMemberTagsAsync(member.Id)).Single(t => t.TagId == tag.Id).AddedBy);
    }

    [Fact]
    public async Task Removing_gives_204_also_when_the_member_does_not_have_the_tag()
    {
        var member = db.AddMember();
        var tag = await db.AddTagAsync("移除");
        await db.Tags.TagMemberAsync(new TagMemberRequest(member.Id, tag.Id, TagsDatabase.Staff));

        var removed = await TagApiEndpoints.UntagMemberAsync(member.MemberCode, "移除", Key, db.Tags, Lookup, default);
        var again = await TagApiEndpoints.UntagMemberAsync(member.MemberCode, "移除", Key, db.Tags, Lookup, default);

        Assert.IsType<NoContent>(removed.Result);
        Assert.IsType<NoContent>(again.Result);
        var history = Assert.Single(await db.Tags.GetMemberTagHistoryAsync(member.Id));
        Assert.Equal(new TagActor(TagActorKind.ApiKey, "crm-sync"), history.RemovedBy);
    }
}
