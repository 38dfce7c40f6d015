using Libromi.Connect.Server.Delivery.Transports;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Libromi.Connect.Server.Delivery.Outcomes;

/// <summary>
/// Names what went wrong in an attempt from the exception it raised: every exception maps to an error kind and a sentence
/// that says what happened and at which stage, so nothing escapes the attempt log.
/// </summary>
public static class AttemptFailure
{
    /// <summary>The error kind and message for <paramref name="exception"/>, raised before the answer's headers or, with <paramref name="answered"/>, while reading its body.</summary>
    public static (string Kind, string Message) Classify(Exception exception, bool answered)
    {
        var stage = answered ? "while sending the response body" : "before answering";
        if (Find<BlockedAddressException>(exception) is { } blocked)
        {
            return (ErrorKinds.BlockedAddress, blocked.Message);
        }
        if (Find<AuthenticationException>(exception) is not null)
        {
            return (ErrorKinds.Tls, "TLS handshake failed: " + Innermost(exception).Message);
        }
        if (Find<SocketException>(exception) is { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted })
        {
            return (ErrorKinds.ConnectionReset, $"The receiver reset the connection {stage}.");
        }
        var error = exception switch
        {
            HttpRequestException e => e.HttpRequestError,
            HttpIOException e => e.HttpRequestError,
            _ => Find<HttpIOException>(exception)?.HttpRequestError,
        };
        return error switch
        {
            HttpRequestError.NameResolutionError => (ErrorKinds.DnsError, "The host name could not be resolved: " + Innermost(exception).Message),
            HttpRequestError.SecureConnectionError => (ErrorKinds.Tls, "TLS handshake failed: " + Innermost(exception).Message),
            HttpRequestError.ResponseEnded => (ErrorKinds.ResponseTruncated, $"The receiver closed the connection {stage}; the response was incomplete."),
            HttpRequestError.InvalidResponse => (ErrorKinds.InvalidResponse, $"The receiver's answer is not valid HTTP/1.1 ({stage}): {exception.Message}"),
            HttpRequestError.ConfigurationLimitExceeded => (ErrorKinds.ResponseHeadersTooLarge, "The receiver's response headers are larger than 64 KiB."),
            HttpRequestError.ConnectionError or HttpRequestError.ProxyTunnelError => (ErrorKinds.Connection, Innermost(exception).Message),
            _ when exception is HttpRequestException or IOException => (ErrorKinds.Connection, $"The connection failed {stage}: {Innermost(exception).Message}"),
            _ => (ErrorKinds.Internal, $"Unexpected {exception.GetType().Name} {stage}: {exception.Message}"),
        };
    }

    private static T? Find<T>(Exception? e) where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T match)
            {
                return match;
            }
        }
        return null;
    }

    private static Exception Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e;
    }
}
