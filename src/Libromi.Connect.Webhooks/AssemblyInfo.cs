namespace Libromi.Connect.Webhooks;
