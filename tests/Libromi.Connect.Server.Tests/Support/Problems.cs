using System.Net;
using System.Text.Json;

namespace Libromi.Connect.Server.Tests.Support;

/// <summary>Checks that an answer is RFC 9457 problem+json with the expected status.</summary>
public static class Problems
{
    public static JsonElement AssertProblem(this ApiAnswer answer, HttpStatusCode status)
    {
        Assert.True(answer.Status == status, $"Expected {(int)status}, got {(int)answer.Status}: {answer.Text}");
        Assert.Equal("application/problem+json", answer.ContentType);
        var problem = answer.Json;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        return problem;
    }

    /// <summary>Like <see cref="AssertProblem"/>, for tests that go on with the answer itself.</summary>
    public static ApiAnswer AssertProblemAnswer(this ApiAnswer answer, HttpStatusCode status)
    {
        answer.AssertProblem(status);
        return answer;
    }

    /// <summary>A 422 whose <c>errors</c> names exactly these fields.</summary>
    public static JsonElement AssertInvalidFields(this ApiAnswer answer, params string[] fields)
    {
        var problem = answer.AssertProblem(HttpStatusCode.UnprocessableEntity);
        var named = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(fields.Order(StringComparer.Ordinal), named);
        return problem;
    }

    public static string Error(this JsonElement problem, string field) =>
        string.Join(" ", problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
}
