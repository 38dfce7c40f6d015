var app = Libromi.Connect.Server.LibromiServer.Build(args);
app.Run();
