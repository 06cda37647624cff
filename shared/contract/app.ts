// What the app says about itself and the machine it runs on.
import { z } from 'zod';

export const TransportSchema = z.enum(['electron', 'browser', 'cli']);
export type Transport = z.infer<typeof TransportSchema>;

export const CheckStatusSchema = z.enum(['ok', 'warn', 'missing']);

export const CapabilitySchema = z.object({
  status: CheckStatusSchema,
  /** One line a person can read: what was found, or what to do. */
  detail: z.string(),
});
export type Capability = z.infer<typeof CapabilitySchema>;

export const CapabilitiesSchema = z.object({
  icmp: CapabilitySchema,
  fping: CapabilitySchema,
  ping: CapabilitySchema,
  docker: CapabilitySchema,
  sshAgent: CapabilitySchema,
});
export type Capabilities = z.infer<typeof CapabilitiesSchema>;
export type CapabilityName = keyof Capabilities;

export const StateNoticeSchema = z.object({
  file: z.string(),
  message: z.string(),
  movedTo: z.string().optional(),
});
export type StateNotice = z.infer<typeof StateNoticeSchema>;

export const AppInfoSchema = z.object({
  name: z.literal('Promstead'),
  version: z.string(),
  dataDir: z.string(),
  transport: TransportSchema,
  platform: z.string(),
  arch: z.string(),
  node: z.string(),
  capabilities: CapabilitiesSchema,
  /** Problems found while loading state (a corrupt file moved aside, for example). */
  notices: z.array(StateNoticeSchema),
});
export type AppInfo = z.infer<typeof AppInfoSchema>;

export const SelfTestResultSchema = z.object({
  checks: z.array(CapabilitySchema.extend({ name: z.string(), label: z.string() })),
  /** Every check is ok; a warning or a missing tool makes it false (the app still works, degraded). */
  ok: z.boolean(),
});
export type SelfTestResult = z.infer<typeof SelfTestResultSchema>;

/** The phases of diagnostics.selfTest: one, the checks one by one. */
export const selfTestPhases = ['checking'] as const;
