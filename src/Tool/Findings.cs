using System;
using System.Collections.Generic;
using System.Linq;

namespace CacheGen.Tool;

/// <summary>How much a finding matters. Warnings and errors make the command exit with <see cref="ExitCodes.Findings"/>.</summary>
public enum Severity
{
    /// <summary>A fact worth knowing; nothing to fix.</summary>
    Info,

    /// <summary>Probably wrong, or wrong under load.</summary>
    Warning,

    /// <summary>Wrong: stale data, stuck callers or lost writes follow from it.</summary>
    Error,
}

/// <summary>One thing a command found.</summary>
/// <param name="Code">A stable identifier, for example <c>orphan-keys</c>.</param>
/// <param name="Severity">How much it matters.</param>
/// <param name="Summary">What was found, with the figures.</param>
/// <param name="WhatToDo">What to do about it.</param>
/// <param name="Examples">Some of the keys, clients or values concerned (bounded).</param>
public sealed record Finding(string Code, Severity Severity, string Summary, string WhatToDo, IReadOnlyList<string>? Examples = null)
{
    /// <summary>The most examples a finding lists.</summary>
    public const int MaxExamples = 5;

    /// <summary>A finding with at most <see cref="MaxExamples"/> of <paramref name="examples"/>.</summary>
    public static Finding Of(string code, Severity severity, string summary, string whatToDo, IEnumerable<string> examples) =>
        new(code, severity, summary, whatToDo, examples.Take(MaxExamples).ToArray());

    /// <summary>Adds a finding about <paramref name="items"/> when there are any, naming some of them.</summary>
    public static void AddWhenAny<T>(ICollection<Finding> findings, IReadOnlyCollection<T> items, string code, Severity severity, string summary, string whatToDo, Func<T, string> example)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count > 0)
        {
            findings.Add(Of(code, severity, summary, whatToDo, items.Select(example)));
        }
    }
}

/// <summary>The exit codes of every command.</summary>
public static class ExitCodes
{
    /// <summary>Nothing found (info findings only), or the command ran to its end.</summary>
    public const int Ok = 0;

    /// <summary>At least one warning or error.</summary>
    public const int Findings = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or bad value.</summary>
    public const int Usage = 2;

    /// <summary>Redis or the URL could not be reached, or Redis failed a command.</summary>
    public const int Unreachable = 3;

    /// <summary>Cancelled (Ctrl+C) before the command finished: 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary><see cref="Findings"/> when any finding is a warning or an error, else <see cref="Ok"/>.</summary>
    public static int For(IEnumerable<Finding> findings) =>
        findings.Any(f => f.Severity >= Severity.Warning) ? Findings : Ok;
}

/// <summary>The command line is wrong.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UsageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>Redis or the URL could not be reached.</summary>
public sealed class UnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public UnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public UnreachableException()
    {
    }
}
