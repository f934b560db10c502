/** Injected so tests can pin time (signature windows, staleness) without sleeping. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();
