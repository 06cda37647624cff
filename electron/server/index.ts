export { startBrowserServer, type BrowserServer, type BrowserServerOptions } from './browser-server';
export { isLoopbackAddress } from './bind-address';
