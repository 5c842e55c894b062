// The room pages' live channel to /hubs/session, built here and started as soon as the page is parsed: a classic
// script runs while the page's modules and the city's settings are still loading, so the connection's negotiation
// and WebSocket no longer wait for them (issue 18, call set-up). shared/signaling.js's RoomConnection takes the
// started connection over (or builds one here, for a second connection on the page). Load after
// /shared/vendor/signalr.min.js and before the page's module, both deferred.
window.roomHub = {
  build: () => new signalR.HubConnectionBuilder()
    .withUrl('/hubs/session', { transport: signalR.HttpTransportType.WebSockets | signalR.HttpTransportType.LongPolling })
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .configureLogging(signalR.LogLevel.Warning)
    .build(),
  early: null,
};
(() => {
  const connection = window.roomHub.build();
  const started = connection.start();
  // A failed start is the page's to report, when RoomConnection.start() hands it on.
  started.catch(() => {});
  window.roomHub.early = { connection, started };
})();
