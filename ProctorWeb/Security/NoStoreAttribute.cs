using Microsoft.AspNetCore.Mvc.Filters;

namespace ProctorWeb.Security;

/// <summary>
/// <c>Cache-Control: no-store</c> on every answer of a page: its students' data (reports, CSVs, timelines, photos,
/// clips) or invitation links must stay in no cache, neither a shared proxy's nor the browser's on a lab computer.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NoStoreAttribute : ResultFilterAttribute
{
    public override void OnResultExecuting(ResultExecutingContext context)
    {
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        base.OnResultExecuting(context);
    }
}
