//! `phaen admin create-user|reset-password|list-users|create-token`: accounts made from the
//! command line. Passwords are read from stdin or generated and printed once; tokens are printed
//! once and only their SHA-256 is stored. No password or hash is ever printed afterwards.

use std::io::{IsTerminal, Read};

use anyhow::{Context, Result, bail};
use clap::Subcommand;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use serde::Serialize;

use phaen_domain::{Membership, OrgCode, Role};
use phaen_store::{NewUser, SessionStore, Store, UserStore};

use crate::output::print_json;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Create a user holding one role in one organization.
    CreateUser {
        /// Stored lowercase; sign-in ignores case.
        #[arg(long)]
        username: String,
        /// The organization's code (see `phaen org list`).
        #[arg(long)]
        org: String,
        #[arg(long, value_parser = role_parser())]
        role: Role,
        /// The name pages show (default: the username).
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from stdin instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set a new password and sign the user out everywhere.
    ResetPassword {
        #[arg(long)]
        username: String,
        /// Read the password from stdin instead of generating one.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Set where a user's reminders are emailed (an empty address clears it).
    SetEmail {
        #[arg(long)]
        username: String,
        #[arg(long)]
        email: String,
    },
    /// Every user with their roles.
    ListUsers {
        #[arg(long)]
        json: bool,
    },
    /// Create an API token for scripts; it is printed once, on stdout.
    CreateToken {
        #[arg(long)]
        username: String,
        /// What the token is for ('nightly export').
        #[arg(long)]
        name: String,
    },
}

/// Accepts only the role names, and lists them in `--help` and in the error for any other.
fn role_parser() -> impl TypedValueParser<Value = Role> {
    PossibleValuesParser::new(Role::ALL.map(Role::as_str)).try_map(|s| Role::parse(&s))
}

#[derive(Debug, Serialize)]
struct ListedUser {
    id: String,
    username: String,
    display_name: String,
    disabled: bool,
    memberships: Vec<Membership>,
}

pub async fn run(store: &Store, c: AdminCommand) -> Result<()> {
    match c {
        AdminCommand::CreateUser {
            username,
            org,
            role,
            display_name,
            password_stdin,
        } => {
            let org = OrgCode::parse(&org).context("--org")?;
            let (password, generated) = password(password_stdin)?;
            let new = NewUser {
                display_name: display_name.unwrap_or_else(|| username.clone()),
                username: username.clone(),
                password_hash: phaen_auth::hash_password(&password)?,
                memberships: vec![Membership::new(org.clone(), role)],
            };
            let user = store
                .create_user(&new)
                .await
                .with_context(|| format!("cannot create user '{username}'"))?;
            println!(
                "created user {} ({}, {} {})",
                user.username,
                user.display_name,
                role.label_th(),
                org
            );
            if generated {
                print_generated(&password);
            }
            Ok(())
        }
        AdminCommand::ResetPassword {
            username,
            password_stdin,
        } => {
            let (password, generated) = password(password_stdin)?;
            let hash = phaen_auth::hash_password(&password)?;
            store
                .set_password_hash(&username, &hash)
                .await
                .with_context(|| format!("cannot reset the password of '{username}'"))?;
            println!("new password set for {username}; every session of theirs has ended");
            if generated {
                print_generated(&password);
            }
            Ok(())
        }
        AdminCommand::SetEmail { username, email } => {
            let email = Some(email.trim()).filter(|e| !e.is_empty());
            store.set_email(&username, email).await?;
            match email {
                Some(e) => println!("{username}'s reminders now go to {e}"),
                None => println!("{username} has no email address now"),
            }
            Ok(())
        }
        AdminCommand::ListUsers { json } => {
            let users: Vec<ListedUser> = store
                .list_users()
                .await?
                .into_iter()
                .map(|(u, memberships)| ListedUser {
                    id: u.id,
                    username: u.username,
                    display_name: u.display_name,
                    disabled: u.disabled,
                    memberships,
                })
                .collect();
            if json {
                return print_json(&users);
            }
            if users.is_empty() {
                println!("no users yet: try `phaen admin create-user` or `phaen demo`");
            }
            for u in users {
                let roles: Vec<String> = u
                    .memberships
                    .iter()
                    .map(|m| format!("{}@{}", m.role, m.org))
                    .collect();
                println!(
                    "{:<16} {:<32} {}{}",
                    u.username,
                    u.display_name,
                    roles.join(", "),
                    if u.disabled { "  (disabled)" } else { "" }
                );
            }
            Ok(())
        }
        AdminCommand::CreateToken { username, name } => {
            let Some((user, _)) = store.user_by_username(&username).await? else {
                bail!("user '{username}' was not found");
            };
            let name = name.trim();
            if name.is_empty() {
                bail!("--name must say what the token is for");
            }
            let token = phaen_auth::new_token();
            store
                .create_api_token(&phaen_auth::token_hash(&token), &user.id, name)
                .await
                .context("cannot store the token")?;
            eprintln!(
                "API token '{name}' for {}: shown once, Phaen keeps only its SHA-256",
                user.username
            );
            println!("{token}");
            Ok(())
        }
    }
}

/// The password to set and whether it was generated: from stdin (one line from a terminal,
/// everything up to EOF from a pipe, without the final line break), or a new random one.
fn password(from_stdin: bool) -> Result<(String, bool)> {
    if !from_stdin {
        return Ok((phaen_auth::new_password(), true));
    }
    let stdin = std::io::stdin();
    let mut text = String::new();
    if stdin.is_terminal() {
        eprint!("password: ");
        stdin
            .read_line(&mut text)
            .context("cannot read the password")?;
    } else {
        stdin
            .lock()
            .read_to_string(&mut text)
            .context("cannot read the password from stdin")?;
    }
    let password = text
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(&text)
        .to_string();
    phaen_auth::check_password(&password)?;
    Ok((password, false))
}

fn print_generated(password: &str) {
    println!("password (shown once, Phaen keeps only its hash): {password}");
}
