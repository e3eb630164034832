import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { SmtpConfig } from '#server/kernel/config/config.ts';

export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Overrides the configured sender, e.g. the workspace's name with the configured address. */
  from?: { name: string; address: string };
};

export type MailResult = {
  messageId: string;
  /** 'smtp': accepted by the SMTP server; 'log': SMTP is not configured, printed instead. */
  transport: 'smtp' | 'log';
};

export type Mailer = {
  send(message: MailMessage): Promise<MailResult>;
  /** Closes the pooled SMTP connections (at shutdown, after the job queue stopped). */
  close(): void;
};

export type MailerOptions = {
  /** Where an unsent message is printed when SMTP is not configured; default: stdout. */
  log?: (text: string) => void;
};

/**
 * Sends over SMTP with nodemailer. Without SMTP configured nothing is sent, and the message is
 * printed — recipient, subject and the text, which carries the link a local user needs — under a
 * line that says so, instead of pretending.
 */
export function createMailer(smtp: SmtpConfig | undefined, options: MailerOptions = {}): Mailer {
  if (!smtp) return logMailer(options.log ?? ((text) => process.stdout.write(`${text}\n`)));
  const transport = nodemailer.createTransport({
    // Reused connections: notifications and campaigns send many messages in a row, and a new SMTP
    // session (greeting, EHLO, maybe TLS and AUTH) per message would cost more than the message.
    pool: true,
    maxConnections: 4,
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
  });
  return {
    async send(message) {
      const info = await transport.sendMail({
        from: message.from ?? smtp.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
      });
      return { messageId: info.messageId, transport: 'smtp' };
    },
    close() {
      transport.close();
    },
  };
}

function logMailer(log: (text: string) => void): Mailer {
  return {
    async send(message) {
      const messageId = `<${randomUUID()}@not-sent.localhost>`;
      log(
        [
          '[mail] SMTP not configured (set SMTP_HOST): this email was NOT sent; it is shown here instead.',
          `To: ${message.to}`,
          `Subject: ${message.subject}`,
          '',
          message.text,
          '[mail] end of unsent email',
        ].join('\n'),
      );
      return { messageId, transport: 'log' };
    },
    close() {},
  };
}
