namespace Libromi.Connect.Testing;
