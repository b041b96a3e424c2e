/** The shortest password a user may have, ADMIN_PASSWORD included (checked at start and on every save). */
export const MIN_PASSWORD_LENGTH = 10;
