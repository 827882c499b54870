import { useState } from 'react';

import { describeError } from '../api/describeError';
import { fieldErrorOf } from '../api/fieldError';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface Options<V, F extends string> {
  /** Checks made before anything is sent; a non-empty answer stops the submit. */
  check: (values: V) => FieldErrors<F>;
  /** The form field an analyzer field name (`cron`, `report.workflow_id`) belongs to, if any. */
  fieldOf: (analyzerField: string) => F | undefined;
  send: (values: V) => Promise<unknown>;
}

/**
 * Submitting a form to the analyzer: local checks first, then the request; a 400
 * that names a field lands under that field, any other failure above the buttons.
 */
export function useAnalyzerForm<V, F extends string>({ check, fieldOf, send }: Options<V, F>) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const [general, setGeneral] = useState<string>();
  const [busy, setBusy] = useState(false);

  const submit = async (values: V) => {
    const local = check(values);
    setErrors(local);
    setGeneral(undefined);
    if (Object.keys(local).length > 0) {
      return;
    }
    setBusy(true);
    try {
      await send(values);
    } catch (e) {
      const named = fieldErrorOf(e);
      const field = named && fieldOf(named.field);
      if (named && field) {
        setErrors({ [field]: named.message } as FieldErrors<F>);
      } else {
        const { title, hint } = describeError(e);
        setGeneral(`${title}. ${hint}`);
      }
    } finally {
      setBusy(false);
    }
  };

  return { errors, general, busy, submit };
}
