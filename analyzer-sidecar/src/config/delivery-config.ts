/** Where scheduled reports go out: the SMTP server of the e-mail deliveries (see src/delivery/). */
import { ConfigError, type ConfigSource } from './config-source';

export interface DeliveryConfig {
  /** `smtp://user:pass@host:587` or `smtps://…` (nodemailer's connection URL); none: no e-mail deliveries. */
  readonly smtpUrl: string | undefined;
  /** The From address of report e-mails; required with smtpUrl. */
  readonly smtpFrom: string | undefined;
}

export const DELIVERY_FILE_KEYS = ['smtpUrl', 'smtpFrom'];

export const NO_DELIVERY: DeliveryConfig = { smtpUrl: undefined, smtpFrom: undefined };

/** An address, optionally with a display name: `a@b.c` or `Reports <a@b.c>`. */
const FROM = /^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export function deliveryConfig(source: ConfigSource): DeliveryConfig {
  const smtpUrl = source.pattern('RPA_ANALYZER_SMTP_URL', 'smtpUrl', /^smtps?:\/\/\S+$/);
  const smtpFrom = source.pattern('RPA_ANALYZER_SMTP_FROM', 'smtpFrom', FROM);
  if (smtpUrl !== undefined && smtpFrom === undefined)
    throw new ConfigError('RPA_ANALYZER_SMTP_FROM', 'is required when RPA_ANALYZER_SMTP_URL is set');
  return { smtpUrl, smtpFrom };
}
