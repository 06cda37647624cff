// Public face of the app's own operations (app.*, settings.*, jobs.*, secrets.*).
export { appHandlers, type AppHandlerServices } from './app-handlers';
