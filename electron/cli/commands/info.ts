// `promstead info`: version, data folder and what this machine can do.
import type { Engine } from '../../services/engine';
import { callOperation } from '../engine-client';
import { formatTable, printJson, printLine, statusMark, type Output } from '../output';

export async function infoCommand(engine: Engine, out: Output): Promise<number> {
  const info = await callOperation(engine, 'app.info', {});
  if (out.json) {
    printJson(out, info);
    return 0;
  }
  printLine(out, `Promstead ${info.version} (${info.platform}/${info.arch}, Node ${info.node})`);
  printLine(out, `Data folder: ${info.dataDir}`);
  printLine(out);
  const rows = Object.entries(info.capabilities).map(([name, capability]) => [
    name,
    statusMark(capability.status),
    capability.detail,
  ]);
  printLine(out, formatTable(['capability', 'status', 'detail'], rows));
  for (const notice of info.notices) printLine(out, `\nnotice: ${notice.message}`);
  return 0;
}
