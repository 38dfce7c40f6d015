using Libromi.Connect.Webhooks.Events;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddLibromiWebhooks();
var app = builder.Build();
var log = app.Logger;

app.MapLibromiWebhooks("/webhook", options =>
{
    options.Secrets = [app.Configuration["WEBHOOK_SECRET"] ?? throw new InvalidOperationException("Set WEBHOOK_SECRET to the webhook's secret.")];
    options.On<MessageReceived>((e, _) =>
    {
        log.LogInformation("New message from: {Name}", e.Data.Contact.Name);
        log.LogInformation("Message: {Content}", e.Data.Message.Content);
        return Task.CompletedTask;
    });
    options.On<ContactCreated>((e, _) =>
    {
        log.LogInformation("New contact created: {Name}", e.Data.Contact.Name);
        return Task.CompletedTask;
    });
});

app.Run();
