// Cache-aside over a slow HTTP-backed provider with every write bounded: TimeSpan expiry with jitter, the 3.4
// Expiration type, keepTtl for refreshes, KeyExpire after the write, and the multi-key StringSet for a batch.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.WeatherCache;

public sealed record Forecast(string City, DateOnly Day, double HighCelsius, double LowCelsius, string Summary);

public interface IForecastProvider
{
    Task<Forecast> FetchAsync(string city, DateOnly day, CancellationToken ct);
    Task<IReadOnlyList<Forecast>> FetchWeekAsync(string city, CancellationToken ct);
}

public sealed class ForecastCache
{
    private static readonly TimeSpan BaseTtl = TimeSpan.FromMinutes(30);
    private readonly IDatabase _redis;
    private readonly IForecastProvider _provider;

    public ForecastCache(IConnectionMultiplexer multiplexer, IForecastProvider provider)
    {
        _redis = multiplexer.GetDatabase();
        _provider = provider;
    }

    private static TimeSpan Jittered(TimeSpan ttl) => ttl * (0.9 + Random.Shared.NextDouble() * 0.2);

    public async Task<Forecast> GetAsync(string city, DateOnly day, CancellationToken ct)
    {
        var key = $"forecast:{city}:{day:yyyy-MM-dd}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<Forecast>(cached.ToString())!;
        }

        var forecast = await _provider.FetchAsync(city, day, ct);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(forecast), Jittered(BaseTtl));
        return forecast;
    }

    public async Task<Forecast> GetTodayAsync(string city, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var key = $"forecast:{city}:today";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return JsonSerializer.Deserialize<Forecast>(cached.ToString())!;
        }

        var forecast = await _provider.FetchAsync(city, today, ct);
        var midnight = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(forecast), new Expiration(midnight));
        return forecast;
    }

    public async Task CorrectSummaryAsync(string city, DateOnly day, string summary)
    {
        var key = $"forecast:{city}:{day:yyyy-MM-dd}";
        var cached = await _redis.StringGetAsync(key);
        if (cached.IsNull)
        {
            return;
        }

        var corrected = JsonSerializer.Deserialize<Forecast>(cached.ToString())! with { Summary = summary };
        await _redis.StringSetAsync(key, JsonSerializer.Serialize(corrected), Expiration.KeepTtl);
    }

    public bool Touch(string city, DateOnly day, double high)
    {
        var key = $"forecast:{city}:{day:yyyy-MM-dd}";
        var cached = _redis.StringGet(key);
        if (cached.IsNull)
        {
            return false;
        }

        var updated = JsonSerializer.Deserialize<Forecast>(cached.ToString())! with { HighCelsius = high };
        return _redis.StringSet(key, JsonSerializer.Serialize(updated), null, keepTtl: true);
    }

    public async Task<string> GetRawAsync(string city)
    {
        var key = $"forecast:{city}:raw";
        var cached = await _redis.StringGetAsync(key);
        if (cached.HasValue)
        {
            return cached.ToString();
        }

        var week = await _provider.FetchWeekAsync(city, CancellationToken.None);
        var json = JsonSerializer.Serialize(week);
        await _redis.StringSetAsync(key, json);
        await _redis.KeyExpireAsync(key, TimeSpan.FromHours(1));
        return json;
    }

    public async Task<IReadOnlyList<Forecast>> GetWeekAsync(string city, CancellationToken ct)
    {
        var days = Enumerable.Range(0, 7).Select(d => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(d)).ToArray();
        var keys = days.Select(d => (RedisKey)$"forecast:{city}:{d:yyyy-MM-dd}").ToArray();
        var cached = await _redis.StringGetAsync(keys);
        if (cached.All(v => v.HasValue))
        {
            return cached.Select(v => JsonSerializer.Deserialize<Forecast>(v.ToString())!).ToList();
        }

        var week = await _provider.FetchWeekAsync(city, ct);
        var pairs = week
            .Select(f => new KeyValuePair<RedisKey, RedisValue>($"forecast:{city}:{f.Day:yyyy-MM-dd}", JsonSerializer.Serialize(f)))
            .ToArray();
        await _redis.StringSetAsync(pairs, When.Always, new Expiration(BaseTtl));
        return week;
    }

    public Task PrimeAsync(Forecast forecast) =>
        _redis.StringSetAsync($"forecast:{forecast.City}:{forecast.Day:yyyy-MM-dd}", JsonSerializer.Serialize(forecast), BaseTtl);
}
