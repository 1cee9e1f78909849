using CacheGen.Analyzers.Rules;

namespace CacheGen.Analyzers.Tests;

/// <summary>CG1008 (browser max-age on data CacheGen invalidates) and CG1009 (long CDN lifetime without a purger).</summary>
public sealed class HttpCacheRuleTests
{
    private const string Usings = """
        using System;
        using System.Threading.Tasks;
        using CacheGen;
        using CacheGen.AspNetCore;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Net.Http.Headers;

        """;

    // A project that invalidates with CacheGen.
    private const string Invalidating = """
        public interface IReports { Task<int> GetAsync(int id); Task SaveAsync(int id); }
        public sealed class Reports : IReports
        {
            [Cached("report:{id}")] public Task<int> GetAsync(int id) => Task.FromResult(id);
            [InvalidatesCache("report:{id}")] public Task SaveAsync(int id) => Task.CompletedTask;
        }

        """;

    private static Task Verify(string source) =>
        AnalyzerVerifier<HttpCacheLifetimeAnalyzer>.VerifyAsync(Usings + source, [], TestReferences.AspNetCore);

    [Fact]
    public Task Reports_a_browser_max_age_written_by_hand_on_data_CacheGen_invalidates() => Verify(Invalidating + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (HttpResponse response) => { response.Headers["Cache-Control"] = {|CG1008:"public, max-age=600"|}; return 1; });
                app.MapGet("/b", (HttpResponse response) => { response.Headers.CacheControl = {|CG1008:"max-age=60, s-maxage=60"|}; return 1; });
                app.MapGet("/c", (HttpResponse response) => { response.Headers.Append(HeaderNames.CacheControl, {|CG1008:"public,max-age=30"|}); return 1; });
                app.MapGet("/d", (HttpResponse response) => { response.GetTypedHeaders().CacheControl = {|CG1008:new CacheControlHeaderValue { Public = true, MaxAge = TimeSpan.FromMinutes(5) }|}; return 1; });
            }
        }

        public sealed class ReportsController : ControllerBase
        {
            [{|CG1008:ResponseCache(Duration = 120)|}] public int Get() => 1;
        }
        """);

    [Fact]
    public Task Does_not_report_shared_only_private_or_no_store_lifetimes_nor_projects_that_do_not_invalidate() => Verify(Invalidating + """
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", (HttpResponse response) => { response.Headers["Cache-Control"] = "public, max-age=0, s-maxage=600"; return 1; });
                app.MapGet("/b", (HttpResponse response) => { response.Headers.CacheControl = "private, max-age=600"; return 1; });
                app.MapGet("/c", (HttpResponse response) => { response.Headers["X-Other"] = "public, max-age=600"; return 1; });
                app.MapGet("/d", () => 1).CacheAtEdge(TimeSpan.FromMinutes(5), staleWhileRevalidate: TimeSpan.FromMinutes(10));
            }
        }

        public sealed class ReportsController : ControllerBase
        {
            [ResponseCache(Duration = 120, Location = ResponseCacheLocation.Client)] public int Private() => 1;
            [ResponseCache(NoStore = true)] public int None() => 1;
            [HttpCache(SharedMaxAge = 300)] public int Edge() => 1;
        }
        """);

    [Fact]
    public Task Does_not_report_a_browser_max_age_where_nothing_is_invalidated_with_CacheGen() => Verify("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) =>
                app.MapGet("/a", (HttpResponse response) => { response.Headers["Cache-Control"] = "public, max-age=600"; return 1; });
        }
        """);

    [Fact]
    public Task Reports_a_CDN_lifetime_of_hours_where_no_purger_is_configured() => Verify("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapGet("/a", () => 1).{|CG1009:CacheAtEdge(TimeSpan.FromHours(2))|};
                app.MapGet("/b", (HttpResponse response) => { response.Headers.CacheControl = {|CG1009:"public, max-age=0, s-maxage=86400"|}; return 1; });
            }
        }

        public sealed class ReportsController : ControllerBase
        {
            [{|CG1009:HttpCache(SharedMaxAge = 7200)|}] public int Edge() => 1;
        }
        """);

    [Fact]
    public Task Does_not_report_long_CDN_lifetimes_when_a_purger_is_configured_or_minutes_only() => Verify("""
        public static class Setup
        {
            public static void Configure(IServiceCollection services) => services.AddVarnishPurger(new Uri("http://varnish:6081/"));

            public static void Map(WebApplication app)
            {
                app.MapGet("/a", () => 1).CacheAtEdge(TimeSpan.FromHours(2));
                app.MapGet("/b", () => 1).CacheAtEdge(TimeSpan.FromMinutes(30));
            }
        }
        """);
}
