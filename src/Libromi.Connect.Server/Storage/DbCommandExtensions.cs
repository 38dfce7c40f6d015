using System.Data.Common;

namespace Libromi.Connect.Server.Storage;

/// <summary>Small helpers that keep the stores' ADO.NET code short and provider-neutral.</summary>
public static class DbCommandExtensions
{
    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>Sets a parameter added by <see cref="With"/>, for a command executed once per row.</summary>
    public static DbCommand Set(this DbCommand command, string name, object? value)
    {
        command.Parameters[name].Value = value ?? DBNull.Value;
        return command;
    }

    /// <summary><paramref name="sqlPrefix"/> followed by <c>(@v0, @v1, ...)</c>, one parameter per value.</summary>
    public static DbCommand CommandIn(this StoreSession session, string sqlPrefix, IReadOnlyList<string> values)
    {
        var command = session.Command(sqlPrefix + "(" + string.Join(", ", values.Select((_, i) => "@v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")");
        for (var i = 0; i < values.Count; i++)
        {
            command.With("@v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), values[i]);
        }
        return command;
    }

    public static DbCommand Sql(this DbConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) =>
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));
}
