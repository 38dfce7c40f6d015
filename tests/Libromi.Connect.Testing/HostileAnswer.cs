using System.Net.Sockets;

namespace Libromi.Connect.Testing;

/// <summary>What a <see cref="HostileReceiver"/> does once it has read a request: writes to the stream, closes, resets, stalls.</summary>
public delegate Task HostileAnswer(Socket socket, NetworkStream stream, CancellationToken cancellationToken);
