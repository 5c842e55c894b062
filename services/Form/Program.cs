using Municipal.ServiceDefaults;
using Municipal.Form;
using Municipal.Form.Apis;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapFormApi();

app.Run();

public partial class Program;
