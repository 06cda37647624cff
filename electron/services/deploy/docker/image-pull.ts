// Pulls an image through the Engine API with per-layer progress (bytes where Docker
// gives them) and cancellation: aborting closes the stream, which stops dockerd's pull.
import type Docker from 'dockerode';
import { errorText, PromsteadError } from '@shared/contract';

interface PullEvent {
  status?: string;
  id?: string;
  progressDetail?: { current?: number; total?: number };
  error?: string;
  errorDetail?: { message?: string };
}

export interface PullProgress {
  image: string;
  /** Bytes downloaded so far over the layers Docker reported sizes for. */
  currentBytes: number;
  totalBytes: number;
  layersDone: number;
  layers: number;
}

interface LayerState {
  current: number;
  total: number;
  done: boolean;
}

/** Folds one pull event into the per-layer state; returns the totals. */
export function foldPullEvent(
  layers: Map<string, LayerState>,
  event: PullEvent,
  image: string,
): PullProgress {
  const status = event.status ?? '';
  if (event.id && /^[0-9a-f]{12}$/.test(event.id)) {
    const layer = layers.get(event.id) ?? { current: 0, total: 0, done: false };
    if (status === 'Downloading' && event.progressDetail) {
      layer.current = event.progressDetail.current ?? layer.current;
      layer.total = event.progressDetail.total ?? layer.total;
    }
    if (status === 'Download complete') layer.current = layer.total;
    if (status === 'Pull complete' || status === 'Already exists') {
      layer.done = true;
      layer.current = layer.total;
    }
    layers.set(event.id, layer);
  }
  let currentBytes = 0;
  let totalBytes = 0;
  let layersDone = 0;
  for (const layer of layers.values()) {
    currentBytes += layer.current;
    totalBytes += layer.total;
    if (layer.done) layersDone++;
  }
  return { image, currentBytes, totalBytes, layersDone, layers: layers.size };
}

function pullError(image: string, message: string): PromsteadError {
  const missing = /not found|manifest unknown|does not exist/i.test(message);
  return new PromsteadError(
    missing ? 'NOT_FOUND' : 'TRANSPORT',
    missing
      ? `The registry has no image ${image} (${message}). Check the version and the registry mirror setting.`
      : `Pulling ${image} failed: ${message}`,
    { image },
  );
}

export async function pullImage(
  docker: Docker,
  image: string,
  signal?: AbortSignal,
  onProgress?: (progress: PullProgress) => void,
): Promise<void> {
  if (signal?.aborted) throw new PromsteadError('CANCELLED', `Pulling ${image} was cancelled.`);
  let stream: NodeJS.ReadableStream;
  try {
    stream = (await docker.pull(image)) as NodeJS.ReadableStream;
  } catch (error) {
    throw pullError(image, errorText(error));
  }
  const layers = new Map<string, LayerState>();
  await new Promise<void>((resolve, reject) => {
    let failure: string | undefined;
    const onAbort = (): void => {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      reject(new PromsteadError('CANCELLED', `Pulling ${image} was cancelled.`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    docker.modem.followProgress(
      stream,
      (error: Error | null) => {
        signal?.removeEventListener('abort', onAbort);
        if (signal?.aborted) return;
        if (error) return reject(pullError(image, error.message));
        if (failure !== undefined) return reject(pullError(image, failure));
        resolve();
      },
      (event: PullEvent) => {
        if (event.error !== undefined) failure = event.errorDetail?.message ?? event.error;
        else onProgress?.(foldPullEvent(layers, event, image));
      },
    );
  });
  // A stream cut short (the SSH connection dropped) ends like a finished one.
  const arrived = await docker
    .getImage(image)
    .inspect()
    .then(
      () => true,
      () => false,
    );
  if (!arrived) throw pullError(image, 'the pull ended before the image arrived');
}
