namespace CacheGen.Analyzers;
