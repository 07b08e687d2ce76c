/**
 * The engine's door for the bots: what a bot's handler needs to run the schedule sync, the appointment sync and the
 * per-minute cron run, and to read its settings and input. Bots import nothing else of the engine.
 */
export { botSettings, isCronInput, resumeTarget, type BotSettings } from './bot-support';
export { syncAppointmentSlots, type AppointmentSyncOptions, type AppointmentSyncSummary } from './appointments/sync';
export { reconcile, type ReconcileOptions, type ReconcileSummary } from './cron/reconcile';
export { resumeLater } from './sync/resume';
export { describeSummary, syncScheduleSlots, type SyncOptions, type SyncSummary } from './sync/schedule-sync';
