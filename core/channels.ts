/** The channels a customer talks to the portal through (the database's Channel enum has the same names). */
export type Channel = 'sms' | 'whatsapp' | 'slack' | 'teams' | 'web' | 'email';

export const CHANNELS: readonly Channel[] = ['sms', 'whatsapp', 'slack', 'teams', 'web', 'email'];
