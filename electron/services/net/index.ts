// Network discovery's building blocks: scan targets, subnet suggestions, liveness
// sweeps and TCP connects.
export { ipToNumber, isPrivateIPv4, numberToIp } from './ip-address';
export { parseTargets, type ParsedTargets, type ParseTargetsOptions } from './targets';
export { maxAddresses, maxLargeAddresses } from './target-entry';
export { suggestSubnets, type InterfaceTable } from './subnet-suggestions';
export {
  sweep,
  type LivenessMethod,
  type LivenessVia,
  type SweepOptions,
  type SweepResult,
} from './liveness';
export { defaultTcpPorts } from './tcp-sweep';
export {
  tcpConnect,
  type TcpConnectOptions,
  type TcpConnectResult,
  type TcpConnectState,
} from './tcp-connect';
