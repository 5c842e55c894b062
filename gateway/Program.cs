using Municipal.Gateway;
using Municipal.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGateway();

var app = builder.Build();

app.MapDefaultEndpoints(guardInput: false, namesRoute: false);
app.UseGateway();

app.Run();

public partial class Program;
