/** What a server action with a form answers: a message, and each problem on its field. */
export interface FormState {
  ok?: string;
  /** A page the change can be seen on. */
  href?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
  /**
   * The fields as sent, returned with errors: React resets a form after its
   * action, to the defaults of the next render, so these become the defaults
   * and nothing typed is lost.
   */
  values?: Record<string, string>;
}
