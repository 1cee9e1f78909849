using System.Collections.Immutable;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace CacheGen.Analyzers.Rules;

/// <summary>
/// CG1001: KEYS sent to Redis — <c>Execute("KEYS", …)</c>, or a script that calls the KEYS command through
/// <c>redis.call</c>/<c>redis.pcall</c>: a literal or constant, a readonly field or a local initialized with one, or a
/// <c>.lua</c> file among the project's AdditionalFiles. A script's <c>KEYS[1]</c> argument table is not the command.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class KeysCommandAnalyzer : DiagnosticAnalyzer
{
    private static readonly Regex KeysCall = new(@"redis\s*\.\s*p?call\s*\(\s*(['""])keys\1", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.KeysCommand);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.ReportDiagnostics); // generated code is not analyzed: see CodeScope
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (RedisSymbols.For(start.Compilation) is not { } redis)
            {
                return;
            }

            var scope = CodeScope.For(start.Compilation, start.Options);
            start.RegisterOperationAction(c => Analyze(c, redis, scope), OperationKind.Invocation);

            // Scripts kept as files (<AdditionalFiles Include="Scripts/*.lua" />) and loaded at run time.
            if (!scope.IsTestProject)
            {
                start.RegisterAdditionalFileAction(AnalyzeScriptFile);
            }
        });
    }

    private static void AnalyzeScriptFile(AdditionalFileAnalysisContext context)
    {
        if (OperationHelpers.LuaScript(context.AdditionalFile, context.CancellationToken) is not { } text)
        {
            return;
        }

        foreach (Match match in KeysCall.Matches(text.ToString()))
        {
            var location = OperationHelpers.LocationIn(context.AdditionalFile, text, match);
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.KeysCommand, location, "The script " + System.IO.Path.GetFileName(context.AdditionalFile.Path)));
        }
    }

    private static void Analyze(OperationAnalysisContext context, RedisSymbols redis, CodeScope scope)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        // The name first: most calls are none of these, and the type check is the costly part.
        bool OnDatabaseOrServer() => RedisSymbols.IsMemberOf(method, redis.Database) || RedisSymbols.IsMemberOf(method, redis.DatabaseAsync) || RedisSymbols.IsMemberOf(method, redis.Server);
        switch (method.Name)
        {
            case "Execute" or "ExecuteAsync" when OnDatabaseOrServer():
                var command = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0)?.Value;
                if (command?.ConstantValue is { HasValue: true, Value: string name } && string.Equals(name.Trim(), "KEYS", System.StringComparison.OrdinalIgnoreCase)
                    && scope.Reports(command.Syntax.GetLocation(), context.ContainingSymbol))
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.KeysCommand, command.Syntax.GetLocation(), $"{method.Name}(\"{name}\")"));
                }

                break;

            case "ScriptEvaluate" or "ScriptEvaluateAsync" or "ScriptEvaluateReadOnly" or "ScriptEvaluateReadOnlyAsync" when OnDatabaseOrServer():
            case "Prepare" when SymbolEqualityComparer.Default.Equals(method.ContainingType, redis.LuaScript):
                foreach (var argument in invocation.Arguments)
                {
                    if (argument.Value.Type?.SpecialType == SpecialType.System_String
                        && OperationHelpers.StringValue(argument.Value, context.CancellationToken) is { } script
                        && KeysCall.IsMatch(script)
                        && scope.Reports(argument.Value.Syntax.GetLocation(), context.ContainingSymbol))
                    {
                        context.ReportDiagnostic(Diagnostic.Create(Descriptors.KeysCommand, argument.Value.Syntax.GetLocation(), "This script"));
                    }
                }

                break;
        }
    }
}
