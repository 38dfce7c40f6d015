namespace Libromi.Connect.Server.Webhooks.Filters;

/// <summary>The comparison operators of a path; <c>$and</c>, <c>$or</c> and <c>$not</c> are nodes of their own.</summary>
public enum FilterOperator
{
    Eq,
    Ne,
    In,
    Nin,
    Gt,
    Gte,
    Lt,
    Lte,
    Exists,
    Contains,
    StartsWith,
}
