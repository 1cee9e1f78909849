using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1004: a [Cached] method whose whole load is a primary-key lookup — <c>DbSet.Find(Async)</c>,
/// <c>First/Single(OrDefault)(Async)</c> comparing the entity key to a parameter, or Dapper
/// <c>QuerySingle/QueryFirst(OrDefault)(Async)</c> over <c>SELECT … FROM t WHERE id = @p</c>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TrivialLookupCachedAnalyzer : DiagnosticAnalyzer
{
    // One table, one equality on one column, nothing that makes the query expensive.
    private static readonly Regex SingleRowSql = new(
        @"^\s*select\s+(?<columns>.+?)\s+from\s+(?<table>[\w\.\[\]""`]+)(\s+(as\s+)?\w+)?\s+where\s+(?<column>[\w\.\[\]""`]+)\s*=\s*[@:]\w+\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex Expensive = new(@"\b(join|group\s+by|order\s+by|union|having|count|sum|avg|min|max)\b|\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.TrivialLookupCached);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (CacheGenSymbols.For(start.Compilation) is not { Cached: { } } symbols)
            {
                return;
            }

            var data = new DataAccessSymbols(start.Compilation);
            start.RegisterOperationBlockAction(c =>
            {
                if (c.OwningSymbol is not IMethodSymbol method || method.GetAttributes().FirstOrDefault(symbols.IsCached) is not { } attribute)
                {
                    return;
                }

                // The body arrives as a method-body operation or as its block, depending on the declaration's form.
                var body = c.OperationBlocks.OfType<IMethodBodyOperation>().FirstOrDefault();
                var block = body?.BlockBody ?? body?.ExpressionBody ?? c.OperationBlocks.OfType<IBlockOperation>().FirstOrDefault();
                if (block is null || SingleResult(block) is not { } result || Lookup(result, method, data) is not { } lookup)
                {
                    return;
                }

                var location = KeyTemplateBinding.SyntaxOf(attribute, c.CancellationToken)?.GetLocation() ?? method.Locations[0];
                c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, location, method.Name, lookup));
            });

            // Hand-written cache-aside: StringGet(key) … StringSet(key, …) around a load that is only a key lookup.
            if (RedisSymbols.For(start.Compilation) is { } redis)
            {
                start.RegisterOperationBlockAction(c =>
                {
                    if (c.OwningSymbol is not IMethodSymbol method || method.GetAttributes().Any(symbols.IsCached))
                    {
                        return;
                    }

                    var invocations = c.OperationBlocks.SelectMany(b => b.DescendantsAndSelf()).OfType<IInvocationOperation>().ToList();
                    bool IsDatabase(IInvocationOperation i) => RedisSymbols.IsMemberOf(i.TargetMethod, redis.Database) || RedisSymbols.IsMemberOf(i.TargetMethod, redis.DatabaseAsync);
                    var gets = invocations.Where(i => i.TargetMethod.Name is "StringGet" or "StringGetAsync" && IsDatabase(i)).ToList();
                    var cacheAside = invocations.Any(s => s.TargetMethod.Name is "StringSet" or "StringSetAsync" && IsDatabase(s)
                        && gets.Any(g => g.Syntax.SpanStart < s.Syntax.SpanStart && OperationHelpers.SameKey(g.ValueOf("key"), s.ValueOf("key"))));
                    if (!cacheAside)
                    {
                        return;
                    }

                    var loads = invocations.Where(i => IsDataAccess(i, data)).ToList();
                    if (loads.Count == 1 && Lookup(loads[0], method, data) is { } lookup)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.TrivialLookupCached, loads[0].Syntax.GetLocation(), method.Name, lookup));
                    }
                });
            }
        });
    }

    // Calls that query the database (the terminal operators; AsNoTracking and friends only shape the query).
    private static bool IsDataAccess(IInvocationOperation invocation, DataAccessSymbols data)
    {
        var type = invocation.TargetMethod.ContainingType;
        if (invocation.TargetMethod.Name is "AsNoTracking" or "AsTracking" or "AsNoTrackingWithIdentityResolution" or "Where" or "Select" or "Include" or "OrderBy")
        {
            return false;
        }

        return DataAccessSymbols.Inherits(type, data.DbSet)
            || DataAccessSymbols.Is(type, data.EfQueryable)
            || DataAccessSymbols.Is(type, data.SqlMapper)
            || (DataAccessSymbols.Is(type, data.Queryable) && invocation.Arguments.FirstOrDefault()?.Value.WithoutConversions().Type is { } source && DataAccessSymbols.Inherits(source, data.DbSet));
    }

    /// <summary>The one value a body returns, when the body is a single return (or expression) and nothing else.</summary>
    private static IOperation? SingleResult(IBlockOperation block)
    {
        if (block.Operations.Length != 1)
        {
            return null;
        }

        return block.Operations[0] switch
        {
            IReturnOperation { ReturnedValue: { } value } => value,
            IExpressionStatementOperation statement => statement.Operation,
            _ => null,
        };
    }

    private static string? Lookup(IOperation value, IMethodSymbol method, DataAccessSymbols data)
    {
        // await x, x.ConfigureAwait(false), x.AsTask(), conversions: look through them.
        while (true)
        {
            value = value.WithoutConversions();
            if (value is IAwaitOperation await)
            {
                value = await.Operation;
            }
            else if (value is IInvocationOperation { TargetMethod.Name: "ConfigureAwait" or "AsTask", Instance: { } instance })
            {
                value = instance;
            }
            else
            {
                break;
            }
        }

        if (value is not IInvocationOperation call)
        {
            return null;
        }

        var name = call.TargetMethod.Name;
        if (name is "Find" or "FindAsync" && DataAccessSymbols.Inherits(call.TargetMethod.ContainingType, data.DbSet))
        {
            return $"{name} on a DbSet";
        }

        if (name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "FirstAsync" or "FirstOrDefaultAsync" or "SingleAsync" or "SingleOrDefaultAsync"
            && (DataAccessSymbols.Is(call.TargetMethod.ContainingType, data.Queryable) || DataAccessSymbols.Is(call.TargetMethod.ContainingType, data.EfQueryable))
            && IsDbSetSource(call.Arguments.FirstOrDefault()?.Value, data)
            && call.Arguments.Skip(1).Select(a => a.Value.WithoutConversions()).FirstOrDefault(v => v is IDelegateCreationOperation or IAnonymousFunctionOperation) is { } predicate
            && ComparesKeyToParameter(predicate, method, data))
        {
            return $"{name} by the entity key";
        }

        if (name is "QuerySingle" or "QuerySingleOrDefault" or "QueryFirst" or "QueryFirstOrDefault"
                or "QuerySingleAsync" or "QuerySingleOrDefaultAsync" or "QueryFirstAsync" or "QueryFirstOrDefaultAsync"
            && DataAccessSymbols.Is(call.TargetMethod.ContainingType, data.SqlMapper)
            && SqlOf(call) is { } sql
            && SingleRowSql.Match(sql) is { Success: true } match
            && IsKeyColumn(match.Groups["table"].Value, match.Groups["column"].Value)
            && !Expensive.IsMatch(sql.Substring(0, match.Groups["columns"].Index + match.Groups["columns"].Length)) && !Regex.IsMatch(sql, @"\b(join|group\s+by|order\s+by|union)\b", RegexOptions.IgnoreCase))
        {
            return $"Dapper {name} of one row by its key";
        }

        return null;
    }

    // The SQL of a Dapper call: its constant sql argument, or the constant commandText of a CommandDefinition.
    private static string? SqlOf(IInvocationOperation call)
    {
        if (call.ValueOf("sql")?.ConstantValue is { HasValue: true, Value: string sql })
        {
            return sql;
        }

        return call.ValueOf("command") is IObjectCreationOperation creation
            && creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "commandText")?.Value.ConstantValue is { HasValue: true, Value: string text }
                ? text
                : null;
    }

    // The WHERE column is the table's key by convention: Id, or <Table>Id with the table's plural ending removed.
    private static bool IsKeyColumn(string table, string column)
    {
        static string Bare(string name) => name.Substring(name.LastIndexOf('.') + 1).Trim('[', ']', '"', '`');

        var bareColumn = Bare(column);
        var bareTable = Bare(table);
        if (bareColumn.Equals("Id", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var entity in new[] { bareTable, bareTable.TrimEnd('s', 'S'), bareTable.EndsWith("es", System.StringComparison.OrdinalIgnoreCase) ? bareTable.Substring(0, bareTable.Length - 2) : bareTable })
        {
            if (bareColumn.Equals(entity + "Id", System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsDbSetSource(IOperation? source, DataAccessSymbols data)
    {
        source = source?.WithoutConversions();
        while (source is IInvocationOperation { TargetMethod.Name: "AsNoTracking" or "AsTracking" or "AsNoTrackingWithIdentityResolution" } tracking)
        {
            source = tracking.Arguments.FirstOrDefault()?.Value.WithoutConversions();
        }

        return source is not null && DataAccessSymbols.Inherits(source.Type, data.DbSet);
    }

    private static bool ComparesKeyToParameter(IOperation predicate, IMethodSymbol method, DataAccessSymbols data)
    {
        var lambda = predicate switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation target } => target,
            IAnonymousFunctionOperation function => function,
            _ => null,
        };
        if (lambda?.Body.Operations.FirstOrDefault() is not IReturnOperation { ReturnedValue: IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals } equals })
        {
            return false;
        }

        var (left, right) = (equals.LeftOperand.WithoutConversions(), equals.RightOperand.WithoutConversions());
        return (IsKey(left, data) && IsMethodParameter(right, method)) || (IsKey(right, data) && IsMethodParameter(left, method));
    }

    private static bool IsKey(IOperation operation, DataAccessSymbols data)
    {
        if (operation is not IPropertyReferenceOperation { Instance: IParameterReferenceOperation, Property: var property })
        {
            return false;
        }

        var entity = property.ContainingType.Name;
        return property.Name == "Id" || property.Name == entity + "Id"
            || property.GetAttributes().Any(a => DataAccessSymbols.Is(a.AttributeClass, data.KeyAttribute));
    }

    private static bool IsMethodParameter(IOperation operation, IMethodSymbol method) =>
        operation is IParameterReferenceOperation { Parameter: var parameter } && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, method);
}
