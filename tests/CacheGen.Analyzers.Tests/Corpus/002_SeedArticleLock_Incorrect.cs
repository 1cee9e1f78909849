// The seed article's cache-aside with a SET NX lock and an unconditional delete, ported to StackExchange.Redis.
using System;
using System.Threading;
using System.Threading.Tasks;
using StackExchange.Redis;

namespace Corpus.SeedLock;

public sealed class ProductCache(IConnectionMultiplexer redis)
{
    private readonly IDatabase _db = redis.GetDatabase();

    public async Task<string> GetProductDataAsync(int productId, Func<int, Task<string>> fetch)
    {
        var key = $"product:{productId}";
        while (true)
        {
            var value = await _db.StringGetAsync(key);
            if (value.HasValue)
            {
                return value!;
            }

            var lockKey = $"lock:{key}";
            if (await _db.StringSetAsync(lockKey, "locked", TimeSpan.FromSeconds(5), When.NotExists))
            {
                try
                {
                    var data = await fetch(productId);
                    await _db.StringSetAsync(key, data, TimeSpan.FromHours(1));
                    return data;
                }
                finally
                {
                    await _db.KeyDeleteAsync(lockKey); // expect: CG1005
                }
            }

            await Task.Delay(100);
        }
    }
}
