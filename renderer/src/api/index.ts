export { createClient, eventsUrl, getClient, type ClientTransport, type PromsteadClient } from './api-client';
export { errorMessage, unwrap } from './result.util';
