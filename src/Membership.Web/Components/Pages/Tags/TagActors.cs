using System.Security.Claims;
using Membership.Contracts.Tags;
using Microsoft.Extensions.Localization;

namespace Membership.Web.Components.Pages.Tags;

internal static class TagActors
{
    public static TagActor Of(ClaimsPrincipal user) => TagActor.Staff(user.Identity?.Name ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "?");

    /// <summary>"員工 amy@…", "規則 咖啡關鍵字" …</summary>
    public static string Describe(IStringLocalizer<SharedResource> l, TagActor? actor) =>
        actor is null ? "—" : $"{l[$"Tags.Actor.{actor.Kind}"]} {actor.Name}";

    public static readonly string[] Palette =
        ["#8E24AA", "#D81B60", "#E53935", "#FB8C00", "#FDD835", "#43A047", "#00897B", "#1E88E5", "#3949AB", "#6D4C41", "#546E7A"];

    /// <summary>Black or white text, whichever reads better on the tag's colour.</summary>
    public static string TextOn(string colour)
    {
        if (colour.Length != 7 || colour[0] != '#' || !int.TryParse(colour[1..], System.Globalization.NumberStyles.HexNumber, null, out var rgb))
        {
            return "#fff";
        }

        var luminance = (0.299 * ((rgb >> 16) & 255)) + (0.587 * ((rgb >> 8) & 255)) + (0.114 * (rgb & 255));
        return luminance > 160 ? "#000" : "#fff";
    }

    public static string ChipStyle(string colour) => $"background:{colour};color:{TextOn(colour)}";
}
