using System.Diagnostics;
using System.Text;

namespace ChatOpsBot.Tests.Support;

/// <summary>Everything a child process writes to stdout and stderr, kept for assertions and failure messages.</summary>
public sealed class ProcessOutput
{
    private readonly StringBuilder _text = new();

    /// <summary>Starts collecting; the process must have been started with both streams redirected.</summary>
    public ProcessOutput(Process process)
    {
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Text
    {
        get { lock (_text) { return _text.ToString(); } }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_text)
            {
                _text.AppendLine(line);
            }
        }
    }
}
