using System.Text;

namespace AppointEase.WebApi.IntegrationTests.Admin;

/// <summary>A strict RFC 4180 reader for checking exports: quoted fields may hold commas, doubled quotes and line breaks.</summary>
public static class Csv
{
    public static List<string[]> Parse(string text) => ParseCells(text).Select(r => r.Select(c => c.Value).ToArray()).ToList();

    /// <summary>Each cell with whether it was written quoted, for checking that text fields always are.</summary>
    public static List<(string Value, bool Quoted)[]> ParseCells(string text)
    {
        var rows = new List<(string Value, bool Quoted)[]>();
        var row = new List<(string Value, bool Quoted)>();
        var field = new StringBuilder();
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) quoted = wasQuoted = true;
            else if (c == ',') { row.Add((field.ToString(), wasQuoted)); field.Clear(); wasQuoted = false; }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                row.Add((field.ToString(), wasQuoted)); field.Clear(); wasQuoted = false;
                rows.Add([.. row]); row.Clear();
                i++;
            }
            else if (c is '"' or '\r' or '\n') throw new FormatException($"Unquoted {(int)c} at {i}");
            else field.Append(c);
        }
        if (quoted) throw new FormatException("Unterminated quoted field");
        if (field.Length > 0 || row.Count > 0) { row.Add((field.ToString(), wasQuoted)); rows.Add([.. row]); }
        return rows;
    }
}
