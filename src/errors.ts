/** Bad tool input: the message names the field and how to fix it, and is shown to the model as is. */
export class UserInputError extends Error {
  override readonly name = 'UserInputError';
}

/** Bad or missing configuration: the message says exactly what to set. */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
}
