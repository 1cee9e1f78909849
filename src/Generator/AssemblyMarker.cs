namespace CacheGen.Generator;
