using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers;

/// <summary>
/// Answers "is this load a single-row lookup by primary key?" for a body, a call or a method of this compilation,
/// looking through repositories: a load is a query call (EF Core, Dapper) or a call of a method of this compilation
/// whose body, or an implementation's body, queries. A body is a key lookup when it loads exactly once and that load
/// is <c>Find</c>, <c>First/Single(OrDefault)(Async)</c> over one key equality, Dapper of <c>SELECT … WHERE key = @p</c>,
/// or a call of a method that is itself a key lookup.
/// </summary>
internal sealed class KeyLookups
{
    // One table, one equality on one column, nothing that makes the query expensive. Holes of an interpolated SQL
    // string are kept as {name}.
    private static readonly Regex SingleRowSql = new(
        @"^\s*select\s+(?<columns>.+?)\s+from\s+(?<table>[\w\.\[\]""`{}]+)(\s+(as\s+)?\w+)?\s+where\s+(?<column>[\w\.\[\]""`{}]+)\s*=\s*[@:](?<parameter>\w+)\s*;?\s*$",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant);

    private static readonly Regex Expensive = new(@"\b(join|group\s+by|order\s+by|union|having|count|sum|avg|min|max)\b|\(", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private static readonly Regex Heavy = new(@"\b(join|group\s+by|order\s+by|union)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private readonly DataAccessSymbols _data;

    public KeyLookups(Compilation compilation, DataAccessSymbols data)
    {
        _data = data;
        Summaries = MethodSummaries.For(compilation);

        // Every call IsDataAccess may accept, by name: members of DbSet, of EF Core's and LINQ's queryable operators, of
        // Dapper, and Find; the operators that only shape a query are not loads. Listed the first time a summary is asked for.
        _facts = new System.Lazy<(Fact DataAccess, Fact KeyLookup)>(() =>
        {
            var names = new[] { data.DbSet, data.EfQueryable, data.Queryable, data.SqlMapper }
                .Where(t => t is not null)
                .SelectMany(t => t!.MemberNames)
                .Concat(["Find", "FindAsync"])
                .Where(n => !QueryShapers.Contains(n))
                .ToList();
            return (new Fact("data access", names), new Fact("key lookup", LookupOperators));
        });
    }

    // The calls Direct can find a lookup in: a key lookup's text, or the text of a method it calls, names one of them.
    private static readonly string[] LookupOperators =
    [
        "Find", "FindAsync", "First", "FirstOrDefault", "Single", "SingleOrDefault", "FirstAsync", "FirstOrDefaultAsync", "SingleAsync", "SingleOrDefaultAsync",
        "QuerySingle", "QuerySingleOrDefault", "QueryFirst", "QueryFirstOrDefault", "QuerySingleAsync", "QuerySingleOrDefaultAsync", "QueryFirstAsync", "QueryFirstOrDefaultAsync",
    ];

    private static readonly HashSet<string> QueryShapers = new(System.StringComparer.Ordinal)
    {
        "AsNoTracking", "AsTracking", "AsNoTrackingWithIdentityResolution", "Where", "Select", "Include", "ThenInclude", "OrderBy", "OrderByDescending", "AsQueryable",
    };

    private readonly System.Lazy<(Fact DataAccess, Fact KeyLookup)> _facts;

    public MethodSummaries Summaries { get; }

    /// <summary>
    /// A description of the key lookup <paramref name="body"/> is (its one load), or null. The body is bound already: its
    /// operations are read, and the methods it calls are summarized (bound only if their text may hold a lookup).
    /// </summary>
    public string? OfBody(IOperation body, CancellationToken cancellationToken) => OfBody(body, m => OfMethod(m, cancellationToken), cancellationToken);

    /// <summary>
    /// Whether code may contain a key lookup, from its text and the text of the methods it calls: false when no lookup
    /// operator is named there (nothing is bound to say so).
    /// </summary>
    public bool MayLookUp(SyntaxNode code, CancellationToken cancellationToken) =>
        Summaries.TextMayPerform(code, _facts.Value.KeyLookup, MethodSummaries.Depth + 1, cancellationToken);

    /// <summary>A description of the key lookup a call of <paramref name="method"/> is, or null.</summary>
    public string? OfMethod(IMethodSymbol method, CancellationToken cancellationToken) =>
        OperationHelpers.FromThisCompilation(method) ? Summaries.Describe(method, _facts.Value.KeyLookup, (body, deeper) => OfBody(body, deeper, cancellationToken), cancellationToken) : null;

    /// <summary>A description of the key lookup one call is, or null.</summary>
    public string? OfCall(IInvocationOperation call, CancellationToken cancellationToken) =>
        Direct(call) ?? OfMethod(call.TargetMethod, cancellationToken);

    /// <summary>Whether the call reads or writes the database: a query call, or a call of a method of this compilation that makes one.</summary>
    public bool IsLoad(IInvocationOperation call, CancellationToken cancellationToken) =>
        IsDataAccess(call) || (OperationHelpers.FromThisCompilation(call.TargetMethod) && Summaries.Performs(call.TargetMethod, _facts.Value.DataAccess, IsDataAccess, cancellationToken));

    private string? OfBody(IOperation body, System.Func<IMethodSymbol, string?> deeper, CancellationToken cancellationToken)
    {
        IInvocationOperation? load = null;
        foreach (var call in body.DescendantsAndSelf().OfType<IInvocationOperation>())
        {
            if (!IsLoad(call, cancellationToken))
            {
                continue;
            }

            if (load is not null)
            {
                return null; // more than one query: not a plain lookup
            }

            load = call;
        }

        return load is null ? null : Direct(load) ?? (OperationHelpers.FromThisCompilation(load.TargetMethod) ? deeper(load.TargetMethod) : null);
    }

    // Calls that query the database (the terminal operators; AsNoTracking and friends only shape the query).
    private bool IsDataAccess(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (QueryShapers.Contains(method.Name))
        {
            return false;
        }

        return DataAccessSymbols.Inherits(type, _data.DbSet)
            || (method.Name is "Find" or "FindAsync" && DataAccessSymbols.Inherits(type, _data.DbContext))
            || DataAccessSymbols.Is(type, _data.EfQueryable)
            || DataAccessSymbols.Is(type, _data.SqlMapper)
            || (DataAccessSymbols.Is(type, _data.Queryable) && invocation.Arguments.FirstOrDefault()?.Value.WithoutConversions().Type is { } source && DataAccessSymbols.Inherits(source, _data.DbSet));
    }

    /// <summary>The lookup one query call is, looking through <c>await</c>, <c>ConfigureAwait</c> and conversions.</summary>
    public string? Direct(IOperation value)
    {
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
        if (name is "Find" or "FindAsync")
        {
            if (DataAccessSymbols.Inherits(call.TargetMethod.ContainingType, _data.DbSet))
            {
                return $"{name} on a DbSet";
            }

            if (DataAccessSymbols.Inherits(call.TargetMethod.ContainingType, _data.DbContext))
            {
                return $"{name} on a DbContext";
            }
        }

        if (name is "First" or "FirstOrDefault" or "Single" or "SingleOrDefault" or "FirstAsync" or "FirstOrDefaultAsync" or "SingleAsync" or "SingleOrDefaultAsync"
            && QueryByKey(call))
        {
            return $"{name} by the entity key";
        }

        if (name is "QuerySingle" or "QuerySingleOrDefault" or "QueryFirst" or "QueryFirstOrDefault"
                or "QuerySingleAsync" or "QuerySingleOrDefaultAsync" or "QueryFirstAsync" or "QueryFirstOrDefaultAsync"
            && DataAccessSymbols.Is(call.TargetMethod.ContainingType, _data.SqlMapper)
            && SqlOf(call) is { } sql
            && SingleRowSql.Match(sql) is { Success: true } match
            && IsKeyColumn(match.Groups["table"].Value, match.Groups["column"].Value, match.Groups["parameter"].Value)
            && !Expensive.IsMatch(sql.Substring(0, match.Groups["columns"].Index + match.Groups["columns"].Length)) && !Heavy.IsMatch(sql))
        {
            return $"Dapper {name} of one row by its key";
        }

        return null;
    }

    // First/Single over a query whose only filter is one key equality: db.Products.FirstOrDefault(p => p.Id == id), or
    // db.Products.Where(p => p.Id == id).Select(…).SingleOrDefaultAsync(). The source is a DbSet, or any IQueryable when the
    // operator is EF Core's (an async EF operator always runs a query).
    private bool QueryByKey(IInvocationOperation call)
    {
        var efOperator = DataAccessSymbols.Is(call.TargetMethod.ContainingType, _data.EfQueryable);
        if (!efOperator && !DataAccessSymbols.Is(call.TargetMethod.ContainingType, _data.Queryable))
        {
            return false;
        }

        var predicates = new List<IOperation>();
        AddPredicate(call, predicates);
        var source = call.Arguments.FirstOrDefault()?.Value.WithoutConversions();
        while (source is IInvocationOperation step
            && step.TargetMethod.Name is "Where" or "Select" or "AsNoTracking" or "AsTracking" or "AsNoTrackingWithIdentityResolution" or "AsQueryable" or "TagWith"
            && (DataAccessSymbols.Is(step.TargetMethod.ContainingType, _data.Queryable) || DataAccessSymbols.Is(step.TargetMethod.ContainingType, _data.EfQueryable)))
        {
            if (step.TargetMethod.Name == "Where")
            {
                AddPredicate(step, predicates);
            }
            else if (step.TargetMethod.Name == "Select" && !PlainProjection(step))
            {
                return false; // a projection that follows navigations or aggregates is a query worth caching
            }

            source = step.Arguments.FirstOrDefault()?.Value.WithoutConversions();
        }

        // The query starts at a set (a DbSet, Set<T>(), a repository's IQueryable): an Include or any other operator
        // in between makes it more than a lookup.
        var startsAtSet = source is not IInvocationOperation || source is IInvocationOperation { TargetMethod.Name: "Set" } set && DataAccessSymbols.Inherits(set.TargetMethod.ContainingType, _data.DbContext);
        return startsAtSet && predicates.Count == 1 && ComparesKey(predicates[0])
            && source?.Type is { } type && (DataAccessSymbols.Inherits(type, _data.DbSet) || efOperator);
    }

    // Select(p => new Dto { Id = p.Id, Name = p.Name }): reads the entity's own columns, calls nothing.
    private static bool PlainProjection(IInvocationOperation select)
    {
        var lambda = select.Arguments.Skip(1).Select(a => a.Value.WithoutConversions()).Select(v => v is IDelegateCreationOperation { Target: IAnonymousFunctionOperation t } ? t : v as IAnonymousFunctionOperation).FirstOrDefault(l => l is not null);
        if (lambda?.Syntax is not LambdaExpressionSyntax { Body: { } body })
        {
            return false;
        }

        return !body.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any()
            && !body.DescendantNodesAndSelf().OfType<MemberAccessExpressionSyntax>().Any(m => m.Expression is MemberAccessExpressionSyntax);
    }

    private static void AddPredicate(IInvocationOperation call, List<IOperation> predicates)
    {
        if (call.Arguments.Skip(1).Select(a => a.Value.WithoutConversions()).FirstOrDefault(v => v is IDelegateCreationOperation or IAnonymousFunctionOperation) is { } predicate)
        {
            predicates.Add(predicate);
        }
    }

    // x => x.Id == <anything that does not mention x>, read from the syntax so that it holds when the entity type is
    // not visible to the compilation; the key is Id, <Entity>Id, or a property marked [Key].
    private bool ComparesKey(IOperation predicate)
    {
        var lambda = predicate switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation target } => target,
            IAnonymousFunctionOperation function => function,
            _ => null,
        };
        if (lambda is null || lambda.Symbol.Parameters.Length != 1)
        {
            return false;
        }

        var entity = lambda.Symbol.Parameters[0];
        var body = lambda.Syntax switch
        {
            SimpleLambdaExpressionSyntax simple => simple.ExpressionBody,
            ParenthesizedLambdaExpressionSyntax parenthesized => parenthesized.ExpressionBody,
            _ => null,
        };
        while (body is ParenthesizedExpressionSyntax parenthesizedBody)
        {
            body = parenthesizedBody.Expression;
        }

        if (body is not BinaryExpressionSyntax equals || !equals.IsKind(SyntaxKind.EqualsExpression))
        {
            return false;
        }

        return IsKeyOf(equals.Left, equals.Right) || IsKeyOf(equals.Right, equals.Left);

        bool IsKeyOf(ExpressionSyntax side, ExpressionSyntax other) =>
            side is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax owner, Name: { } member }
            && owner.Identifier.ValueText == entity.Name
            && !other.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == entity.Name)
            && IsKeyName(member.Identifier.ValueText, entity.Type);
    }

    private bool IsKeyName(string name, ITypeSymbol entity)
    {
        if (name == "Id" || name == entity.Name + "Id")
        {
            return true;
        }

        for (var type = entity; type is not null; type = type.BaseType)
        {
            if (type.GetMembers(name).OfType<IPropertySymbol>().Any(p => p.GetAttributes().Any(a => DataAccessSymbols.Is(a.AttributeClass, _data.KeyAttribute))))
            {
                return true;
            }
        }

        return false;
    }

    // The SQL of a Dapper call: a constant, a CommandDefinition's constant text, or a local initialized once with a
    // constant or an interpolated string (holes kept as {expression}).
    private static string? SqlOf(IInvocationOperation call)
    {
        var value = call.ValueOf("sql");
        if (value is null && call.ValueOf("command") is IObjectCreationOperation creation)
        {
            value = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "commandText")?.Value.WithoutConversions();
        }

        if (value is ILocalReferenceOperation { Local: var local } && !local.IsConst)
        {
            value = OperationHelpers.SingleInitializer(call, local);
        }

        return value switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => text,
            IInterpolatedStringOperation interpolated => string.Concat(interpolated.Parts.Select(part => part switch
            {
                IInterpolatedStringTextOperation text => text.Text.ConstantValue.Value as string ?? string.Empty,
                IInterpolationOperation hole => "{" + hole.Expression.Syntax.ToString().Replace(" ", string.Empty) + "}",
                _ => string.Empty,
            })),
            _ => null,
        };
    }

    // The WHERE column is the table's key by convention: Id, or <Table>Id with the table's plural ending removed; a
    // column computed at run time ({hole}) counts when the parameter compared to it is the id.
    private static bool IsKeyColumn(string table, string column, string parameter)
    {
        static string Bare(string name) => name.Substring(name.LastIndexOf('.') + 1).Trim('[', ']', '"', '`');

        var bareColumn = Bare(column);
        var bareTable = Bare(table);
        if (bareColumn.Equals("Id", System.StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        if (column.IndexOf('{') >= 0)
        {
            return parameter.Equals("id", System.StringComparison.OrdinalIgnoreCase);
        }

        foreach (var entity in new[] { bareTable, bareTable.TrimEnd('s', 'S'), bareTable.EndsWith("es", System.StringComparison.OrdinalIgnoreCase) ? bareTable.Substring(0, bareTable.Length - 2) : bareTable })
        {
            if (bareColumn.Equals(entity + "Id", System.StringComparison.OrdinalIgnoreCase) || bareColumn.Equals(entity + "_id", System.StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
