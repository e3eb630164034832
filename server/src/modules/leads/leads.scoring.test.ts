import { describe, expect, it } from 'vitest';
import { DEFAULT_LEAD_SCORE_RULES, isBusinessEmail, isDecisionMakerTitle, scoreLead, type LeadScoreRule, type ScorableLead } from './leads.scoring.ts';
import { assertStatusChange, canChangeStatus, canConvert, LEAD_STATUSES } from './leads.status.ts';

const blank: ScorableLead = { email: null, phone: null, companyName: null, jobTitle: null, source: 'manual', status: 'new' };

describe('scoreLead with the default rules', () => {
  it('gives a blank manual lead 0 and no reasons', () => {
    expect(scoreLead(blank)).toEqual({ score: 0, reasons: [] });
  });

  it('explains every point it gives, in fa and en, in rule order', () => {
    const result = scoreLead({ ...blank, email: 'sara@gmail.com', phone: '+989121234567', companyName: 'پیوند', source: 'web' });
    expect(result.score).toBe(45);
    expect(result.reasons.map((r) => [r.rule, r.points])).toEqual([
      ['has_email', 10],
      ['has_mobile', 10],
      ['has_company', 15],
      ['source_web', 10],
    ]);
    for (const reason of result.reasons) {
      expect(reason.labelFa).toMatch(/[\u0600-\u06FF]/);
      expect(reason.labelEn).toMatch(/^[A-Z]/);
    }
  });

  it('adds the source, status, decision-maker and business-email points', () => {
    const referral = scoreLead({ ...blank, source: 'referral', status: 'contacted', jobTitle: 'مدیرعامل', email: 'ali@peyvand.ir' });
    expect(referral.reasons.map((r) => r.rule)).toEqual(['has_email', 'decision_maker', 'source_referral', 'status_contacted', 'business_email']);
    expect(referral.score).toBe(10 + 20 + 20 + 10 + 10);
    expect(scoreLead({ ...blank, source: 'campaign', status: 'qualified' }).score).toBe(35);
  });

  it('never goes above 100', () => {
    const everything = scoreLead({
      email: 'ceo@acme.example',
      phone: '09121234567',
      companyName: 'Acme',
      jobTitle: 'CEO',
      source: 'referral',
      status: 'qualified',
    });
    expect(everything.reasons.reduce((s, r) => s + r.points, 0)).toBe(110);
    expect(everything.score).toBe(100);
  });

  it('gives no mobile points for a landline or a foreign number', () => {
    expect(scoreLead({ ...blank, phone: '+982188776655' }).score).toBe(0);
    expect(scoreLead({ ...blank, phone: '+14155552671' }).score).toBe(0);
  });

  it('keeps the qualified points once converted', () => {
    expect(scoreLead({ ...blank, status: 'converted' }).reasons.map((r) => r.rule)).toEqual(['status_qualified']);
  });

  it('takes any rule list and clamps negative totals to 0', () => {
    const rules: LeadScoreRule[] = [
      { rule: 'spammy', points: -30, labelFa: 'مشکوک', labelEn: 'Looks like spam', applies: (l) => !!l.email?.endsWith('.xyz') },
      { rule: 'has_company', points: 15, labelFa: 'شرکت', labelEn: 'Company', applies: (l) => !!l.companyName },
    ];
    expect(scoreLead({ ...blank, email: 'a@b.xyz' }, rules)).toEqual({ score: 0, reasons: [{ rule: 'spammy', points: -30, labelFa: 'مشکوک', labelEn: 'Looks like spam' }] });
    expect(scoreLead({ ...blank, companyName: 'X' }, rules).score).toBe(15);
  });

  it('has a unique name for every default rule', () => {
    const names = DEFAULT_LEAD_SCORE_RULES.map((r) => r.rule);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('isDecisionMakerTitle', () => {
  it.each(['مدیرعامل', 'مدير فروش', 'رئیس هیئت مدیره', 'رییس واحد', 'مالک', 'CEO', 'Sales Director', 'head of IT', 'Owner', 'Co-founder', 'VP Sales'])(
    'recognises %j',
    (title) => expect(isDecisionMakerTitle(title)).toBe(true),
  );
  it.each(['کارشناس فروش', 'کارشناس مدیریت', 'Sales rep', 'Headquarters liaison', 'Engineer', '', null])('does not count %j', (title) =>
    expect(isDecisionMakerTitle(title)).toBe(false),
  );
});

describe('isBusinessEmail', () => {
  it.each(['ali@gmail.com', 'a@yahoo.co.uk', 'a@YAHOO.com', 'a@hotmail.fr', 'a@outlook.com', 'a@ymail.com', 'a@chmail.ir', 'a@live.com', null, 'broken'])(
    'treats %j as not a business address',
    (email) => expect(isBusinessEmail(email)).toBe(false),
  );
  it.each(['ali@peyvand.ir', 'sales@digikala.com', 'x@mail.acme.co'])('treats %j as a business address', (email) => expect(isBusinessEmail(email)).toBe(true));
});

describe('lead status lifecycle', () => {
  const allowed = [
    ['new', 'contacted'],
    ['contacted', 'qualified'],
    ['contacted', 'unqualified'],
    ['unqualified', 'contacted'],
  ] as const;

  it('allows exactly the documented transitions (and staying put)', () => {
    for (const from of LEAD_STATUSES) {
      for (const to of LEAD_STATUSES) {
        const expected = from === to || allowed.some(([f, t]) => f === from && t === to);
        expect(canChangeStatus(from, to), `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it('refuses with a 409 that names both ends in fa and en', () => {
    try {
      assertStatusChange('new', 'qualified');
      expect.unreachable();
    } catch (error: any) {
      expect(error.code).toBe('invalid_status_transition');
      expect(error.status).toBe(409);
      expect(error.messages.en).toBe('A lead cannot go from "new" to "qualified".');
      expect(error.messages.fa).toContain('«جدید»');
      expect(error.messages.fa).toContain('«واجد شرایط»');
    }
    expect(() => assertStatusChange('contacted', 'converted')).toThrow(/convert lead/);
  });

  it('converts from new, contacted and qualified only', () => {
    expect(LEAD_STATUSES.filter(canConvert)).toEqual(['new', 'contacted', 'qualified']);
  });
});
