using System.Security.Claims;
using Membership.Contracts.Audit;
using Membership.Contracts.Common;
using Membership.Shared.Paging;
using Membership.Web.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Membership.Web.Audit;

/// <summary>
/// Writes who did what to <c>app_audit_log</c>. The actor is the signed-in staff member of the
/// current request or Blazor circuit; background jobs record as "system".
/// </summary>
internal sealed class AuditTrail(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    IHttpContextAccessor http,
    IServiceProvider services) : IAuditTrail
{
    public async Task RecordAsync(AuditRecord record, CancellationToken ct = default)
    {
        var actor = await CurrentActorAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditLog.Add(new AuditLogEntry
        {
            Id = Guid.CreateVersion7(),
            OccurredAt = clock.GetUtcNow(),
            ActorId = actor?.FindFirstValue(ClaimTypes.NameIdentifier),
            ActorName = actor?.Identity?.Name,
            Action = record.Action,
            SubjectType = record.SubjectType,
            SubjectId = record.SubjectId,
            Details = record.Details,
            Reason = record.Reason,
        });
        await db.SaveChangesAsync(ct);
    }

    public async Task<PagedResult<AuditEntry>> ListAsync(AuditQuery query, PageRequest page, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var entries = db.AuditLog.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            entries = entries.Where(e => e.Action.StartsWith(query.Action));
        }

        if (!string.IsNullOrWhiteSpace(query.SubjectType))
        {
            entries = entries.Where(e => e.SubjectType == query.SubjectType);
        }

        if (!string.IsNullOrWhiteSpace(query.SubjectId))
        {
            entries = entries.Where(e => e.SubjectId == query.SubjectId);
        }

        return await entries
            .OrderByDescending(e => e.OccurredAt)
            .Select(e => new AuditEntry(e.Id, e.OccurredAt, e.ActorId, e.ActorName, e.Action, e.SubjectType, e.SubjectId, e.Details, e.Reason))
            .ToPagedResultAsync(page, ct);
    }

    private async Task<ClaimsPrincipal?> CurrentActorAsync()
    {
        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } user)
        {
            return user;
        }

        // Inside a Blazor circuit there is no HttpContext; the circuit's authentication state knows the user.
        if (services.GetService<AuthenticationStateProvider>() is { } provider)
        {
            try
            {
                var state = await provider.GetAuthenticationStateAsync();
                return state.User.Identity?.IsAuthenticated == true ? state.User : null;
            }
            catch (InvalidOperationException)
            {
                return null; // outside a circuit (jobs, start-up)
            }
        }

        return null;
    }
}
