/** What a server action with a form answers: a message, and each problem on its field. */
export interface FormState {
  ok?: string;
  /** A page the change can be seen on. */
  href?: string;
  error?: string;
  fieldErrors?: Record<string, string>;
}
