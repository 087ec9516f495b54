#!/usr/bin/env perl
# Testee adapter (docs/testee-protocol.md) for upstream AgoraIO/Tools DynamicKey/AgoraDynamicKey/perl,
# loaded in place and unmodified from the directory given on the command line:
#
#   perl adapters/upstream-perl/adapter.pl [--stb] DIR/perl
#
# Default: everything that tree has: AccessToken (006) as access_token.build, DynamicKey5,
# SignalingToken, SimpleTokenBuilder scripts, and token.decode / token.verify of 006 tokens.
# --stb: only the SimpleTokenBuilder scripts (registered for the 2019 tree, 55f8354).
#
# Pinning: AccessToken->new reads `time() + 24 * 3600` and `int(rand(99999999)) + 1`.
# CORE::GLOBAL::time is replaced before the modules are compiled, and the `rand` that
# Agora::AccessToken imports from Math::Random::MT::Auto is redefined in that package; both
# answer the case's clock and salt (salt - 1), or fall through to the real ones when null.
# access_token.build sets the token's public `salt` / `ts` fields instead, as upstream's test does.
use strict;
use warnings;
use JSON::PP;

our ($NOW, $SALT);
BEGIN {
    no warnings 'once';
    *CORE::GLOBAL::time = sub () { defined $NOW ? $NOW : CORE::time() };
}

my $stb_only = @ARGV && $ARGV[0] eq '--stb' ? shift @ARGV : 0;
my $dir = shift @ARGV or die "usage: adapter.pl [--stb] UPSTREAM/perl\n";
unshift @INC, "$dir/src";
require Agora::AccessToken;
require Agora::DynamicKey5;
require Agora::SignalingToken;
require Agora::SimpleTokenBuilder;
{
    no warnings 'redefine';
    my $real_rand = \&Agora::AccessToken::rand;
    *Agora::AccessToken::rand = sub { defined $SALT ? $SALT - 1 : $real_rand->(@_) };
}

package Unsupported { sub new { my ($class, $msg) = @_; bless { msg => $msg }, $class } }
package DecodeFailure { sub new { my ($class, $reason, $msg) = @_; bless { reason => $reason, msg => $msg }, $class } }
package main;

my $JSON = JSON::PP->new->utf8->canonical;
my %ROLE = (
    attendee   => Agora::SimpleTokenBuilder::Role_Attendee(),
    publisher  => Agora::SimpleTokenBuilder::Role_Publisher(),
    subscriber => Agora::SimpleTokenBuilder::Role_Subscriber(),
    admin      => Agora::SimpleTokenBuilder::Role_Admin(),
);

sub dk5 {
    my ($fn, @extra) = @_;
    return sub {
        my $a = shift;
        $fn->(@$a{qw/app_id app_certificate channel_name unix_ts random_int uid expired_ts/}, @$a{@extra});
    };
}

my %BUILDERS = (
    'simple_token_builder.script' => \&stb_script,
    $stb_only ? () : (
        'access_token.build' => \&access_token_build,
        'dynamic_key5.generate_public_sharing_key' => dk5(\&Agora::DynamicKey5::gen_public_sharing_key),
        'dynamic_key5.generate_recording_key' => dk5(\&Agora::DynamicKey5::gen_recording_key),
        'dynamic_key5.generate_media_channel_key' => dk5(\&Agora::DynamicKey5::gen_media_channel_key),
        'dynamic_key5.generate_in_channel_permission_key' =>
            dk5(\&Agora::DynamicKey5::gen_in_channel_permission_key, 'permission'),
        'signaling_token.generate' => sub {
            my $a = shift;
            Agora::SignalingToken::gen_signaling_token(@$a{qw/account app_id app_certificate expired_ts/});
        },
    ),
);

sub access_token_build {
    my ($a, $salt) = @_;
    my $token = Agora::AccessToken::create_access_token(@$a{qw/app_id app_certificate channel_name uid/});
    $token->{salt} = $salt if defined $salt;
    $token->{ts} = $a->{ts};
    $token->add_privilege($_, $a->{privileges}{$_}) for keys %{ $a->{privileges} };
    return $token->build;
}

sub stb_script {
    my ($a) = @_;
    my $builder = Agora::SimpleTokenBuilder::create_simple_token_builder(
        @$a{qw/app_id app_certificate channel_name uid/});
    my (@results, $token);
    for my $step (@{ $a->{steps} }) {
        my ($op, $arg) = %$step;
        if ($op eq 'init_privileges') {
            $builder->init_privileges($ROLE{$arg} // $arg);
            push @results, undef;
        } elsif ($op eq 'set_privilege') {
            $builder->set_privilege(@$arg);
            push @results, undef;
        } elsif ($op eq 'remove_privilege') {
            $builder->remove_privilege($arg);
            push @results, undef;
        } elsif ($op eq 'init_token_builder') {
            push @results, $builder->init_token_builder($arg) ? JSON::PP::true : JSON::PP::false;
        } elsif ($op eq 'build_token') {
            push @results, $token = $builder->build_token;
        } else {
            die Unsupported->new("unknown SimpleTokenBuilder step $op");
        }
    }
    die "the script has no build_token step\n" unless defined $token;
    return { token => $token, results => \@results };
}

# token.decode / token.verify: the tree parses only 006 (AccessToken::from_string, which keeps
# salt, ts and the privileges; the signature and the two CRCs it reads through the module's own
# `_reader` are not kept, so they are read again here with that same reader).
sub parse006 {
    my ($token) = @_;
    my $version = substr $token, 0, 3;
    die Unsupported->new("this tree has no parser for $version tokens")
        if grep { $version eq $_ } qw/007 005 004 003/ or $token =~ /^1:/;
    my $parsed = Agora::AccessToken::create_access_token('', '', '', 0);
    $parsed->from_string($token)
        or die DecodeFailure->new($version eq '006' ? 'bad_base64' : 'bad_version',
                                  'AccessToken::from_string refused the token');
    my $r = _reader->new(MIME::Base64::decode_base64(substr $token, 35));
    my ($signature, $crc_channel_name, $crc_uid) = ($r->unpack_string, $r->unpack_uint32, $r->unpack_uint32);
    return ($parsed, $signature, $crc_channel_name, $crc_uid);
}

sub text {
    my ($bytes) = @_;
    return $bytes unless defined $bytes;
    my $copy = $bytes;
    return utf8::decode($copy) ? $copy : { hex => unpack 'H*', $bytes };
}

sub decode_token {
    my ($token) = @_;
    my ($parsed, $signature, $crc_channel_name, $crc_uid) = parse006($token);
    return {
        version => '006', signature => defined $signature ? unpack('H*', $signature) : undef,
        app_id => text(substr $token, 3, 32), crc_channel_name => $crc_channel_name, crc_uid => $crc_uid,
        salt => $parsed->{salt}, ts => $parsed->{ts},
        privileges => { map { ($_ => $parsed->{messages}{$_}) } keys %{ $parsed->{messages} } },
    };
}

# The tree has no verify: re-sign through the module's own build with the candidate certificate,
# channel and uid (the salt, ts and privileges from from_string) and compare, as Go's adapter does.
sub verify_token {
    my ($req) = @_;
    my ($parsed) = eval { parse006($req->{token}) };
    if (!$parsed) {
        die $@ if ref $@ eq 'Unsupported';
        return { valid => JSON::PP::false, reason => ref $@ eq 'DecodeFailure' ? $@->{reason} : 'bad_signature' };
    }
    my $token = Agora::AccessToken::create_access_token(substr($req->{token}, 3, 32), $req->{app_certificate},
        $req->{channel_name} // '', $req->{uid} // '');
    @$token{qw/salt ts messages/} = @$parsed{qw/salt ts messages/};
    return { valid => JSON::PP::false, reason => 'bad_signature' } if $token->build ne $req->{token};
    return { valid => JSON::PP::false, reason => 'expired' } if defined $req->{now} && $req->{now} > $parsed->{ts};
    return { valid => JSON::PP::true };
}

# JSON text arrives as UTF-8; upstream packs byte strings, so every decoded string goes back to bytes.
sub to_bytes {
    my ($v) = @_;
    return [ map { to_bytes($_) } @$v ] if ref $v eq 'ARRAY';
    return { map { ($_ => to_bytes($v->{$_})) } keys %$v } if ref $v eq 'HASH';
    utf8::encode($v) if defined $v && !ref $v && $v =~ /[^\x00-\x7f]/;
    return $v;
}

sub hello {
    return {
        op => 'hello', protocol => 1,
        implementation => {
            name => $stb_only ? 'AgoraDynamicKey perl SimpleTokenBuilder' : 'AgoraDynamicKey perl',
            language => 'perl', version => $stb_only ? '55f8354' : 'da06bfb',
            homepage => 'https://github.com/AgoraIO/Tools/tree/master/DynamicKey/AgoraDynamicKey/perl',
            notes => "upstream tree loaded in place from $dir; perl $^V",
        },
        builders => [ sort keys %BUILDERS ],
        operations => $stb_only ? ['build'] : [qw/build decode verify/],
        verify_mode => [],
    };
}

sub dispatch {
    my ($req) = @_;
    my ($op, $id) = @$req{qw/op id/};
    if ($op eq 'build') {
        my $build = $BUILDERS{ $req->{builder} } or die Unsupported->new("no builder $req->{builder}");
        local ($SALT, $NOW) = @$req{qw/salt now/};
        my $token = $build->(to_bytes($req->{args}), $SALT, $NOW);
        return ref $token ? { id => $id, %$token } : { id => $id, token => $token };
    }
    return { id => $id, fields => decode_token($req->{token}) } if $op eq 'decode' && !$stb_only;
    return { id => $id, %{ verify_token(to_bytes($req)) } } if $op eq 'verify' && !$stb_only;
    die Unsupported->new("operation $op");
}

# One answer per request: an exception inside upstream code is that case's error answer.
sub answer {
    my ($req) = @_;
    return hello() if ($req->{op} // '') eq 'hello';
    my $out = eval { dispatch($req) };
    return $out if $out;
    my ($id, $err) = ($req->{id}, $@);
    return { id => $id, error => { kind => 'unsupported', message => $err->{msg} } } if ref $err eq 'Unsupported';
    return { id => $id, error => { kind => 'decode_error', reason => $err->{reason}, message => $err->{msg} } }
        if ref $err eq 'DecodeFailure';
    chomp $err;
    return { id => $id, error => { kind => 'invalid_input', message => "upstream died: $err" } };
}

binmode STDOUT;
while (my $line = <STDIN>) {
    next unless $line =~ /\S/;
    my $req = eval { $JSON->decode($line) };
    if (!$req) {
        print STDERR "adapter: unreadable request: $@";
        next;
    }
    last if ($req->{op} // '') eq 'stop';
    print $JSON->encode(answer($req)), "\n";
    STDOUT->flush;
}
