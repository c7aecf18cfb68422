/** The desk's validated configuration (DeskConfig), for injection. */
export const DESK_CONFIG = Symbol('DESK_CONFIG');
